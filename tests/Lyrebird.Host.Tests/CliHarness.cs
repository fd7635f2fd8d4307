using Lyrebird.Host.Cli;
using Lyrebird.Host.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lyrebird.Host.Tests;

/// <summary>Runs the <c>lyrebird</c> command line in-process with captured output and a given environment. By default
/// the built host is not started: the run captures the resolved settings and returns.</summary>
internal static class CliHarness
{
    public static async Task<CliRun> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<IHost, CancellationToken, Task>? runHost = null,
        CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        LyrebirdSettings? settings = null;
        LyrebirdOptions? options = null;
        var context = new CliContext
        {
            Out = output,
            Error = error,
            Environment = environment ?? new Dictionary<string, string>(),
            RunHost = async (host, token) =>
            {
                settings = host.Services.GetRequiredService<LyrebirdSettings>();
                options = host.Services.GetRequiredService<IOptions<LyrebirdOptions>>().Value;
                if (runHost is not null)
                {
                    await runHost(host, token);
                }
            },
        };

        var exitCode = await LyrebirdCli.RunAsync(args, context, cancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString(), settings, options);
    }
}
