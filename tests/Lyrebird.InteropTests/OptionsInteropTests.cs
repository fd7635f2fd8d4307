using Lyrebird.InteropTests.Infrastructure;

namespace Lyrebird.InteropTests;

/// <summary>Real third-party SIP peers (SIPp, sipsak) against a real <c>lyrebird serve</c> over loopback sockets.</summary>
public sealed class OptionsInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Sipp_OPTIONS_gets_200_with_Allow_Accept_and_copied_tags(string transport)
    {
        var result = await Sipp.RunAsync("options.xml", fixture.Server.SipEndPoint, transport, calls: 3);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Sipp_request_with_malformed_Max_Forwards_gets_stateless_400_Bad_Max_Forwards_Header(string transport)
    {
        var result = await Sipp.RunAsync("bad-max-forwards.xml", fixture.Server.SipEndPoint, transport);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Sipsak_OPTIONS_gets_200(string transport)
    {
        // sipsak -s sends OPTIONS and exits 0 only when a 200 comes back.
        var result = await Peer.RunAsync("sipsak",
            ["-s", $"sip:x@127.0.0.1:{fixture.Server.SipPort}", "-E", transport, "-v"], TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("200", result.Output, StringComparison.Ordinal);
    }
}

public sealed class ServerFixture : IAsyncLifetime
{
    public LyrebirdServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LyrebirdServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
