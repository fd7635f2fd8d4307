using Lyrebird.Host.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lyrebird.Host.Tests;

public sealed class ServeLifetimeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Serve_runs_the_pbx_service_until_the_application_stops_and_exits_0()
    {
        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path, "--sip", "127.0.0.1:0"], runHost: async (host, token) =>
        {
            await host.StartAsync(token);
            Assert.Contains(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "PbxHostedService");
            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await host.WaitForShutdownAsync(token);
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Cancelling_the_invocation_stops_the_host_and_exits_0()
    {
        using var cancellation = new CancellationTokenSource();
        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path, "--sip", "127.0.0.1:0"], runHost: (host, token) =>
        {
            host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(cancellation.Cancel);
            return host.RunAsync(token);
        }, cancellationToken: cancellation.Token);

        Assert.True(cancellation.IsCancellationRequested);
        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Options_validator_rejects_bad_options_for_ValidateOnStart()
    {
        var validator = new LyrebirdOptionsValidator();

        var result = validator.Validate(null, new LyrebirdOptions { RtpPorts = "5-4", Sip = "x" });

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("RtpPorts: ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Sip: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_validator_accepts_the_defaults()
    {
        var result = new LyrebirdOptionsValidator().Validate(null, new LyrebirdOptions());

        Assert.Equal(ValidateOptionsResult.Success, result);
    }
}
