using System.Collections;
using Microsoft.Extensions.Hosting;

namespace Lyrebird.Host.Cli;

/// <summary>What the command line touches outside itself, so tests can run it in-process: output streams, the
/// environment variables it reads, and how a built host is run.</summary>
internal sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Environment variables (only <c>LYREBIRD_*</c> are used).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>Runs the built host until shutdown. The default runs it until SIGINT/SIGTERM (the generic host's
    /// console lifetime) or until the token is cancelled.</summary>
    public Func<IHost, CancellationToken, Task> RunHost { get; init; } = static (host, token) => host.RunAsync(token);

    public static CliContext ForProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                environment[name] = value;
            }
        }

        return new CliContext { Out = Console.Out, Error = Console.Error, Environment = environment };
    }
}
