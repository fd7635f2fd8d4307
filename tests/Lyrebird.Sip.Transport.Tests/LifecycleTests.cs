using System.Net;
using System.Net.Sockets;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport.Tests.TestSupport;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Transport.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task An_endpoint_that_is_not_an_IP_endpoint_fails_start_with_a_FormatException()
    {
        await using var transport = new SipTransportLayer(new SipTransportOptions { Endpoints = ["pbx.example.com:5060"] });

        await Assert.ThrowsAsync<FormatException>(() => transport.StartAsync(new RecordingHandler()));
    }

    [Fact]
    public async Task A_port_already_taken_fails_start_and_leaves_nothing_bound()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        await using var transport = new SipTransportLayer(new SipTransportOptions { Endpoints = ["127.0.0.1:0", $"127.0.0.1:{port}"] });

        await Assert.ThrowsAsync<SocketException>(() => transport.StartAsync(new RecordingHandler()));
        Assert.Empty(transport.LocalEndpoints);
    }

    [Fact]
    public async Task Starting_twice_is_refused()
    {
        await using var harness = await Harness.StartAsync("IPv4");

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Transport.StartAsync(new RecordingHandler()));
    }

    [Fact]
    public async Task After_stop_sends_return_false_and_the_port_is_released()
    {
        var harness = await Harness.StartAsync("IPv4");
        var endpoint = harness.Endpoint;
        await harness.Transport.StopAsync();

        var request = new SipRequest("OPTIONS", SipUri.Parse("sip:a@127.0.0.1"));
        request.Headers.Add(HeaderId.Via, "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKstop");
        Assert.False(await harness.Transport.SendAsync(request, new SipFlow(SipTransportKind.Udp, endpoint, new IPEndPoint(IPAddress.Loopback, 9))));
        Assert.False(await harness.Transport.SendAsync(request, new SipFlow(SipTransportKind.Tcp, endpoint, new IPEndPoint(IPAddress.Loopback, 9))));
        await harness.DisposeAsync();

        await using var again = new SipTransportLayer(new SipTransportOptions { Endpoints = [endpoint.ToString()] });
        await again.StartAsync(new RecordingHandler());
        Assert.Equal(endpoint, again.LocalEndpoints[0]);
    }
}
