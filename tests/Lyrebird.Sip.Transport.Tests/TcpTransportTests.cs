using System.Net;
using System.Net.Sockets;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport.Tests.TestSupport;
using Lyrebird.Sip.Uris;
using Microsoft.Extensions.Time.Testing;

namespace Lyrebird.Sip.Transport.Tests;

public sealed class TcpTransportTests
{
    public static TheoryData<string> Families => new() { "IPv4", "IPv6" };

    private static string HostOf(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();

    private static SipRequest OutgoingOptions(string callId)
    {
        var request = new SipRequest("OPTIONS", SipUri.Parse("sip:phone@example.com"));
        request.Headers.Add(HeaderId.Via, "SIP/2.0/TCP pbx.example.com;branch=z9hG4bK" + callId);
        request.Headers.Add(HeaderId.From, "<sip:pbx@example.com>;tag=p1");
        request.Headers.Add(HeaderId.To, "<sip:phone@example.com>");
        request.Headers.Add(HeaderId.CallId, callId);
        request.Headers.Add(HeaderId.CSeq, "1 OPTIONS");
        return request;
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_request_is_delivered_with_received_and_rport_and_answered_on_the_same_connection(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var phone = await TcpPeer.ConnectAsync(harness.Endpoint);

        await phone.SendAsync(SipText.Request(via: "SIP/2.0/TCP phone.invalid:5070;branch=z9hG4bKtcp1;rport"));
        var (request, flow) = await harness.Handler.NextRequestAsync();

        Assert.Equal(SipTransportKind.Tcp, flow.Transport);
        Assert.NotEqual(0, flow.ConnectionId);
        Assert.Equal(phone.Local, flow.Remote);
        Assert.Equal(phone.Local.Port, request.TopVia!.RPort);
        Assert.Equal(phone.Local.Address.ToString(), request.TopVia.Received);

        Assert.True(await harness.Transport.SendResponseAsync(SipResponseFactory.Create(request, 200), flow));
        var response = await phone.ReceiveMessageAsync();
        Assert.Equal("SIP/2.0 200 OK", SipText.StatusLine(response!));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_message_written_one_byte_at_a_time_is_delivered_once(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var phone = await TcpPeer.ConnectAsync(harness.Endpoint);

        var bytes = SipText.Bytes(SipText.Request(method: "MESSAGE", cseq: "7 MESSAGE", via: "SIP/2.0/TCP phone.invalid;branch=z9hG4bKbyte",
            extraHeaders: "Content-Type: text/plain\r\n", body: "hello, byte by byte"));
        foreach (var b in bytes)
        {
            await phone.SendAsync([b]);
        }

        var (request, _) = await harness.Handler.NextRequestAsync();
        Assert.Equal("MESSAGE", request.Method);
        Assert.Equal("hello, byte by byte", SipText.Text(request.Body.Span));
        Assert.Equal(1, harness.Handler.Count);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Pipelined_messages_in_one_write_are_all_delivered_in_order(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var phone = await TcpPeer.ConnectAsync(harness.Endpoint);

        var text = string.Concat(Enumerable.Range(1, 3).Select(i =>
            SipText.Request(callId: $"pipe-{i}", cseq: $"{i} OPTIONS", via: $"SIP/2.0/TCP phone.invalid;branch=z9hG4bKpipe{i}", body: $"body {i}")));
        await phone.SendAsync(text);

        for (var i = 1; i <= 3; i++)
        {
            var (request, _) = await harness.Handler.NextRequestAsync();
            Assert.Equal($"pipe-{i}", request.CallId);
            Assert.Equal($"body {i}", SipText.Text(request.Body.Span));
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_CRLFCRLF_keep_alive_is_answered_with_CRLF_RFC5626(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var phone = await TcpPeer.ConnectAsync(harness.Endpoint);

        await phone.SendAsync("\r\n\r\n");
        Assert.Equal("\r\n"u8.ToArray(), await phone.ReceiveBytesAsync(2));

        // The connection still carries SIP afterwards.
        await phone.SendAsync(SipText.Request(via: "SIP/2.0/TCP phone.invalid;branch=z9hG4bKafterping"));
        var (request, _) = await harness.Handler.NextRequestAsync();
        Assert.Equal("z9hG4bKafterping", request.TopVia!.Branch);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task A_request_to_a_phone_that_connected_to_us_reuses_its_connection(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var phone = await TcpPeer.ConnectAsync(harness.Endpoint);
        await phone.SendAsync(SipText.Request(method: "REGISTER", cseq: "1 REGISTER", via: "SIP/2.0/TCP phone.invalid;branch=z9hG4bKreg"));
        var (_, registerFlow) = await harness.Handler.NextRequestAsync();

        // By remote endpoint only (connection id 0), as a registrar binding would hold it…
        var byRemote = new SipFlow(SipTransportKind.Tcp, registerFlow.Local, registerFlow.Remote);
        Assert.True(await harness.Transport.SendAsync(OutgoingOptions("reuse-1"), byRemote));
        Assert.Equal("reuse-1", SipText.Header((await phone.ReceiveMessageAsync())!, "Call-ID"));

        // …and by connection id.
        Assert.True(await harness.Transport.SendAsync(OutgoingOptions("reuse-2"), registerFlow));
        Assert.Equal("reuse-2", SipText.Header((await phone.ReceiveMessageAsync())!, "Call-ID"));

        Assert.Equal(1, harness.Transport.TcpConnectionCount);

        // The phone's answer comes back on the same connection id.
        await phone.SendAsync("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP pbx.example.com;branch=z9hG4bKreuse-2\r\nFrom: <sip:pbx@example.com>;tag=p1\r\n" +
            "To: <sip:phone@example.com>;tag=ph\r\nCall-ID: reuse-2\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        var (response, responseFlow) = await harness.Handler.NextAsync();
        Assert.IsType<SipResponse>(response);
        Assert.Equal(registerFlow.ConnectionId, responseFlow.ConnectionId);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Sending_to_an_address_without_a_connection_connects_on_demand(string family)
    {
        await using var harness = await Harness.StartAsync(family);
        using var phoneListener = new Socket(harness.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        phoneListener.Bind(new IPEndPoint(harness.Endpoint.Address, 0));
        phoneListener.Listen();
        var phoneEndpoint = (IPEndPoint)phoneListener.LocalEndPoint!;

        var send = harness.Transport.SendAsync(OutgoingOptions("connect-1"), new SipFlow(SipTransportKind.Tcp, harness.Endpoint, phoneEndpoint));
        using var accepted = new TcpPeer(await phoneListener.AcceptAsync().WaitAsync(RecordingHandler.Deadline));
        Assert.True(await send);
        Assert.Equal("connect-1", SipText.Header((await accepted.ReceiveMessageAsync())!, "Call-ID"));
        Assert.Equal(harness.Endpoint.Address, accepted.Socket.RemoteEndPoint is IPEndPoint r ? r.Address : null);

        // A second send reuses the connection.
        Assert.True(await harness.Transport.SendAsync(OutgoingOptions("connect-2"), new SipFlow(SipTransportKind.Tcp, harness.Endpoint, phoneEndpoint)));
        Assert.Equal("connect-2", SipText.Header((await accepted.ReceiveMessageAsync())!, "Call-ID"));
        Assert.Equal(1, harness.Transport.TcpConnectionCount);
    }

    [Fact]
    public async Task A_response_whose_connection_closed_is_sent_on_a_new_connection_to_the_sent_by_port()
    {
        await using var harness = await Harness.StartAsync("IPv4");
        using var phoneListener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        phoneListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        phoneListener.Listen();
        var listenPort = ((IPEndPoint)phoneListener.LocalEndPoint!).Port;

        SipRequest request;
        SipFlow flow;
        using (var phone = await TcpPeer.ConnectAsync(harness.Endpoint))
        {
            await phone.SendAsync(SipText.Request(via: $"SIP/2.0/TCP 127.0.0.1:{listenPort};branch=z9hG4bKgone"));
            (request, flow) = await harness.Handler.NextRequestAsync();
        }

        // Wait until the transport has seen the close, so the response cannot use the old connection.
        await Eventually.TrueAsync(() => harness.Transport.TcpConnectionCount == 0, "the transport saw the close");

        Assert.True(await harness.Transport.SendResponseAsync(SipResponseFactory.Create(request, 200), flow));
        using var accepted = new TcpPeer(await phoneListener.AcceptAsync().WaitAsync(RecordingHandler.Deadline));
        Assert.Equal("SIP/2.0 200 OK", SipText.StatusLine((await accepted.ReceiveMessageAsync())!));
    }

    [Fact]
    public async Task Sending_to_a_closed_port_returns_false_without_throwing()
    {
        await using var harness = await Harness.StartAsync("IPv4");
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closedPort = (IPEndPoint)probe.LocalEndPoint!; // bound, not listening: connects are refused

        Assert.False(await harness.Transport.SendAsync(OutgoingOptions("refused"), new SipFlow(SipTransportKind.Tcp, harness.Endpoint, closedPort)));
        Assert.Equal(0, harness.Transport.TcpConnectionCount);
    }

    [Fact]
    public async Task An_idle_connection_is_closed_after_the_idle_timeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var harness = await Harness.StartAsync("IPv4", o => o.TcpIdleTimeout = TimeSpan.FromMinutes(10), time);
        using var phone = await TcpPeer.ConnectAsync(harness.Endpoint);
        await phone.SendAsync("\r\n\r\n");
        await phone.ReceiveBytesAsync(2); // the connection is registered and active

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, harness.Transport.TcpConnectionCount);

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await phone.IsClosedByPeerAsync());
    }

    [Fact]
    public async Task Connections_over_the_limit_are_closed_at_once()
    {
        await using var harness = await Harness.StartAsync("IPv4", o => o.MaxTcpConnections = 1);
        using var first = await TcpPeer.ConnectAsync(harness.Endpoint);
        await first.SendAsync("\r\n\r\n");
        await first.ReceiveBytesAsync(2);

        using var second = await TcpPeer.ConnectAsync(harness.Endpoint);
        Assert.True(await second.IsClosedByPeerAsync());
        Assert.Equal(1, harness.Metrics.Sum("lyrebird.sip.tcp.refused"));
    }
}
