using System.Net;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport.Tests.TestSupport;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Transport.Tests;

public sealed class UdpTransportTests
{
    public static TheoryData<string> Families => new() { "IPv4", "IPv6" };

    private static string HostOf(IPEndPoint endpoint) => endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{endpoint.Address}]"
        : endpoint.Address.ToString();

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_request_is_delivered_with_received_and_rport_filled_in(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var phone = new UdpPeer(Harness.Loopback(family));

        await phone.SendAsync(SipText.Request(via: "SIP/2.0/UDP phone.invalid:5070;branch=z9hG4bKudp1;rport"), harness.Endpoint);
        var (request, flow) = await harness.Handler.NextRequestAsync();

        var via = request.TopVia!;
        Assert.Equal(phone.Local.Port, via.RPort);
        Assert.Equal(phone.Local.Address.ToString(), via.Received);
        Assert.Equal("z9hG4bKudp1", via.Branch);
        Assert.Equal(SipTransportKind.Udp, flow.Transport);
        Assert.Equal(phone.Local, flow.Remote);
        Assert.Equal(harness.Endpoint, flow.Local);
        Assert.Equal(0, flow.ConnectionId);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_response_goes_to_the_rport_and_received_address_not_the_sent_by_port(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var phone = new UdpPeer(Harness.Loopback(family));

        // sent-by names port 5070 where nobody listens; RFC 3581 routes the response to the source port instead.
        await phone.SendAsync(SipText.Request(via: "SIP/2.0/UDP phone.invalid:5070;branch=z9hG4bKudp2;rport"), harness.Endpoint);
        var (request, flow) = await harness.Handler.NextRequestAsync();

        Assert.True(await harness.Transport.SendResponseAsync(SipResponseFactory.Create(request, 200), flow));
        var response = await phone.ReceiveAsync();

        Assert.Equal("SIP/2.0 200 OK", SipText.StatusLine(response));
        Assert.Contains($"rport={phone.Local.Port}", SipText.Header(response, "Via"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Without_rport_a_response_goes_to_the_sent_by_port(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var sender = new UdpPeer(Harness.Loopback(family));
        using var listener = new UdpPeer(Harness.Loopback(family));

        var via = $"SIP/2.0/UDP {HostOf(listener.Local)}:{listener.Local.Port};branch=z9hG4bKudp3";
        await sender.SendAsync(SipText.Request(via: via), harness.Endpoint);
        var (request, flow) = await harness.Handler.NextRequestAsync();
        Assert.Null(request.TopVia!.Received); // sent-by host is the source address

        Assert.True(await harness.Transport.SendResponseAsync(SipResponseFactory.Create(request, 200), flow));
        Assert.Equal("SIP/2.0 200 OK", SipText.StatusLine(await listener.ReceiveAsync()));
        Assert.Equal(0, sender.Socket.Available);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_request_sent_on_a_flow_arrives_at_the_remote(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var phone = new UdpPeer(Harness.Loopback(family));

        var options = new SipRequest("OPTIONS", SipUri.Parse($"sip:phone@{HostOf(phone.Local)}:{phone.Local.Port}"));
        options.Headers.Add(HeaderId.Via, $"SIP/2.0/UDP {HostOf(harness.Endpoint)}:{harness.Endpoint.Port};branch=z9hG4bKout1");
        options.Headers.Add(HeaderId.From, "<sip:pbx@example.com>;tag=p1");
        options.Headers.Add(HeaderId.To, "<sip:phone@example.com>");
        options.Headers.Add(HeaderId.CallId, "out-1");
        options.Headers.Add(HeaderId.CSeq, "1 OPTIONS");
        var flow = new SipFlow(SipTransportKind.Udp, harness.Endpoint, phone.Local);

        Assert.True(await harness.Transport.SendAsync(options, flow));
        var received = await phone.ReceiveAsync();

        Assert.StartsWith("OPTIONS sip:phone@", received, StringComparison.Ordinal);
        Assert.Equal("out-1", SipText.Header(received, "Call-ID"));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task CRLF_keep_alive_datagrams_are_ignored_without_an_answer_or_a_rejection(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var phone = new UdpPeer(Harness.Loopback(family));

        await phone.SendAsync(SipText.Bytes("\r\n\r\n"), harness.Endpoint);
        await phone.SendAsync(SipText.Bytes("\r\n"), harness.Endpoint);
        await phone.SendAsync(SipText.Request(), harness.Endpoint);
        await harness.Handler.NextAsync();

        Assert.Equal(1, harness.Handler.Count);
        Assert.Equal(0, phone.Socket.Available);
        Assert.Equal(0, harness.Metrics.Sum("lyrebird.sip.inbound.rejected"));
    }

    [Fact]
    public async Task Listens_on_IPv4_and_IPv6_loopback_at_once_on_the_same_port()
    {
        var handler = new RecordingHandler();
        await using var transport = new SipTransportLayer(new SipTransportOptions { Endpoints = ["127.0.0.1:0", "[::1]:0"] });
        await transport.StartAsync(handler);
        Assert.Equal(2, transport.LocalEndpoints.Count);

        using var v4 = new UdpPeer(IPAddress.Loopback);
        using var v6 = new UdpPeer(IPAddress.IPv6Loopback);
        await v4.SendAsync(SipText.Request(callId: "v4"), transport.LocalEndpoints[0]);
        var first = await handler.NextRequestAsync();
        await v6.SendAsync(SipText.Request(callId: "v6"), transport.LocalEndpoints[1]);
        var second = await handler.NextRequestAsync();

        Assert.Equal("v4", first.Request.CallId);
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, first.Flow.Remote.AddressFamily);
        Assert.Equal("v6", second.Request.CallId);
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, second.Flow.Remote.AddressFamily);
    }

    [Fact]
    public async Task A_wildcard_endpoint_reports_the_destination_address_as_the_flow_local_address()
    {
        var handler = new RecordingHandler();
        await using var transport = new SipTransportLayer(new SipTransportOptions { Endpoints = ["0.0.0.0:0"] });
        await transport.StartAsync(handler);
        using var phone = new UdpPeer(IPAddress.Loopback);

        await phone.SendAsync(SipText.Request(), new IPEndPoint(IPAddress.Loopback, transport.LocalEndpoints[0].Port));
        var (request, flow) = await handler.NextRequestAsync();

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, transport.LocalEndpoints[0].Port), flow.Local);
        Assert.True(await transport.SendResponseAsync(SipResponseFactory.Create(request, 200), flow));
        Assert.Equal("SIP/2.0 200 OK", SipText.StatusLine(await phone.ReceiveAsync()));
    }

    [Fact]
    public async Task IPv4_and_IPv6_wildcards_can_share_one_port()
    {
        int port;
        await using (var probe = new SipTransportLayer(new SipTransportOptions { Endpoints = ["0.0.0.0:0"] }))
        {
            await probe.StartAsync(new RecordingHandler());
            port = probe.LocalEndpoints[0].Port;
        }

        var handler = new RecordingHandler();
        await using var transport = new SipTransportLayer(new SipTransportOptions { Endpoints = [$"0.0.0.0:{port}", $"[::]:{port}"] });
        await transport.StartAsync(handler);
        using var v6 = new UdpPeer(IPAddress.IPv6Loopback);
        await v6.SendAsync(SipText.Request(callId: "wild6"), new IPEndPoint(IPAddress.IPv6Loopback, port));

        var (request, flow) = await handler.NextRequestAsync();
        Assert.Equal("wild6", request.CallId);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, port), flow.Local);
    }
}
