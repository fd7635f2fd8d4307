using Lyrebird.Core.Media;
using Lyrebird.Core.Signaling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lyrebird.Host.Tests;

public sealed class MediaRelaySelectionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Serve_anchors_media_in_the_fast_relay_by_default_and_stops_it_at_shutdown()
    {
        IMediaAnchor? anchor = null;
        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path, "--sip", "127.0.0.1:0", "--rtp-ports", "31000-31009"], runHost: async (host, token) =>
        {
            await host.StartAsync(token);
            anchor = host.Services.GetRequiredService<SipServer>().MediaAnchor;
            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await host.WaitForShutdownAsync(token);
        });

        Assert.Equal(0, run.ExitCode);
        var fast = Assert.IsType<RelayMediaAnchor>(anchor);
        Assert.Equal(5, fast.PortPairCapacity); // --rtp-ports feeds the relay
        using var afterShutdown = fast.CreateSession("late", _ => { });
        Assert.Null(afterShutdown.GetPorts(MediaLeg.A, 0)); // the relay threads are stopped: no new media
    }

    [Fact]
    public async Task Pbx_MediaRelay_simple_selects_the_socket_relay()
    {
        IMediaAnchor? anchor = null;
        var environment = new Dictionary<string, string> { ["LYREBIRD_Pbx__MediaRelay"] = "simple" };
        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path, "--sip", "127.0.0.1:0"], environment, async (host, token) =>
        {
            await host.StartAsync(token);
            anchor = host.Services.GetRequiredService<SipServer>().MediaAnchor;
            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await host.WaitForShutdownAsync(token);
        });

        Assert.Equal(0, run.ExitCode);
        Assert.IsType<SimpleUdpRelayAnchor>(anchor);
    }

    [Theory]
    [InlineData("turbo")]
    [InlineData("7")]
    public async Task An_unknown_Pbx_MediaRelay_is_a_configuration_error(string value)
    {
        var environment = new Dictionary<string, string> { ["LYREBIRD_Pbx__MediaRelay"] = value };

        var run = await CliHarness.RunAsync(["serve", "--data", _temp.Path], environment);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("lyrebird: LYREBIRD_Pbx__MediaRelay: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Contains(value, run.Error, StringComparison.Ordinal);
    }
}
