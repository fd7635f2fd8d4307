using Lyrebird.Sip.Transport.Tests.TestSupport;

namespace Lyrebird.Sip.Transport.Tests;

/// <summary>The stateless ingress pipeline: rejected requests get a response that copies Via/From/To/Call-ID/CSeq
/// (RFC 3261 §8.2.6.2) and is routed like any response; everything else is dropped; everything is counted.</summary>
public sealed class IngressRejectionTests
{
    private const string Rejected = "lyrebird.sip.inbound.rejected";

    private static async Task<(string Response, Harness Harness)> SendUdpAndReceive(string text, Action<SipTransportOptions>? configure = null)
    {
        var harness = await Harness.StartAsync("IPv4", configure);
        using var phone = new UdpPeer(Harness.Loopback("IPv4"));
        await phone.SendAsync(text, harness.Endpoint);
        return (await phone.ReceiveAsync(), harness);
    }

    private static void AssertCopiesRequestHeaders(string response, string callId, string cseq, string branch)
    {
        Assert.Contains(branch, SipText.Header(response, "Via"), StringComparison.Ordinal);
        Assert.Equal("Alice <sip:alice@example.com>;tag=from1", SipText.Header(response, "From"));
        Assert.Contains("<sip:bob@example.com>;tag=", SipText.Header(response, "To"), StringComparison.Ordinal); // a To tag is added
        Assert.Equal(callId, SipText.Header(response, "Call-ID"));
        Assert.Equal(cseq, SipText.Header(response, "CSeq"));
    }

    [Fact]
    public async Task A_bad_CSeq_gets_a_stateless_400_Bad_CSeq_Header_with_the_request_headers_copied()
    {
        var (response, harness) = await SendUdpAndReceive(SipText.Request(cseq: "abc OPTIONS", callId: "bad-cseq",
            via: "SIP/2.0/UDP phone.invalid:5070;branch=z9hG4bKbadcseq;rport"));
        await using var _ = harness;

        Assert.Equal("SIP/2.0 400 Bad CSeq Header", SipText.StatusLine(response));
        AssertCopiesRequestHeaders(response, "bad-cseq", "abc OPTIONS", "z9hG4bKbadcseq");
        Assert.Equal(1, harness.Metrics.Sum(Rejected, "reason=MalformedHeaderValue"));
        Assert.Equal(1, harness.Metrics.Sum(Rejected, "kind=request"));
        Assert.Equal(0, harness.Handler.Count);
    }

    [Fact]
    public async Task A_missing_Call_ID_gets_400_Missing_Call_ID_Header()
    {
        var (response, harness) = await SendUdpAndReceive(SipText.Request(callId: "", via: "SIP/2.0/UDP phone.invalid;branch=z9hG4bKnocid;rport"));
        await using var _ = harness;

        Assert.Equal("SIP/2.0 400 Missing Call-ID Header", SipText.StatusLine(response));
        Assert.Equal("1 OPTIONS", SipText.Header(response, "CSeq"));
        Assert.Equal(1, harness.Metrics.Sum(Rejected, "reason=MissingRequiredHeader"));
    }

    [Fact]
    public async Task An_unsupported_SIP_version_gets_505()
    {
        var (response, harness) = await SendUdpAndReceive(SipText.Request(version: "SIP/7.0", callId: "badvers",
            via: "SIP/2.0/UDP phone.invalid;branch=z9hG4bKbadvers;rport"));
        await using var _ = harness;

        Assert.Equal("SIP/2.0 505 Version Not Supported", SipText.StatusLine(response));
        Assert.Equal("badvers", SipText.Header(response, "Call-ID"));
    }

    [Fact]
    public async Task An_oversized_datagram_request_gets_513()
    {
        var body = new string('x', 5000);
        var (response, harness) = await SendUdpAndReceive(
            SipText.Request(method: "MESSAGE", cseq: "1 MESSAGE", callId: "big", via: "SIP/2.0/UDP phone.invalid;branch=z9hG4bKbig;rport", body: body),
            o => o.Limits = o.Limits with { MaxMessageBytes = 4096 });
        await using var _ = harness;

        Assert.Equal("SIP/2.0 513 Message Too Large", SipText.StatusLine(response));
        Assert.Equal("big", SipText.Header(response, "Call-ID"));
        Assert.Equal(1, harness.Metrics.Sum(Rejected, "reason=MessageTooLarge"));
    }

    [Fact]
    public async Task Garbage_responses_and_bad_ACKs_are_dropped_and_counted_without_an_answer()
    {
        await using var harness = await Harness.StartAsync("IPv4");
        using var phone = new UdpPeer(Harness.Loopback("IPv4"));

        await phone.SendAsync(SipText.Bytes("\x16\x03\x01 this is not SIP at all"), harness.Endpoint);
        await phone.SendAsync("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP x;branch=z9hG4bK1\r\nCSeq: nope\r\n\r\n", harness.Endpoint);
        await phone.SendAsync(SipText.Request(method: "ACK", cseq: "x ACK", via: "SIP/2.0/UDP phone.invalid;branch=z9hG4bKack;rport"), harness.Endpoint);
        await phone.SendAsync(SipText.Request(callId: "good"), harness.Endpoint);

        var (request, _) = await harness.Handler.NextRequestAsync();
        Assert.Equal("good", request.CallId);
        Assert.Equal(1, harness.Handler.Count);
        Assert.Equal(3, harness.Metrics.Sum(Rejected));
        Assert.Equal(1, harness.Metrics.Sum(Rejected, "kind=response"));
        Assert.Equal(0, phone.Socket.Available); // one receive loop per socket: the answers, had there been any, came first
    }

    [Fact]
    public async Task A_malformed_request_on_TCP_is_answered_and_the_connection_stays_usable()
    {
        await using var harness = await Harness.StartAsync("IPv4");
        using var phone = await TcpPeer.ConnectAsync(harness.Endpoint);

        await phone.SendAsync(SipText.Request(cseq: "99999999999 OPTIONS", callId: "big-cseq", via: "SIP/2.0/TCP phone.invalid;branch=z9hG4bKtcpbad"));
        var response = await phone.ReceiveMessageAsync();
        Assert.Equal("SIP/2.0 400 Bad CSeq Header", SipText.StatusLine(response!));
        Assert.Equal("big-cseq", SipText.Header(response!, "Call-ID"));

        await phone.SendAsync(SipText.Request(callId: "after", via: "SIP/2.0/TCP phone.invalid;branch=z9hG4bKtcpgood"));
        Assert.Equal("after", (await harness.Handler.NextRequestAsync()).Request.CallId);
    }

    [Fact]
    public async Task A_bad_Content_Length_on_TCP_gets_400_and_the_connection_is_closed()
    {
        await using var harness = await Harness.StartAsync("IPv4");
        using var phone = await TcpPeer.ConnectAsync(harness.Endpoint);

        await phone.SendAsync(SipText.Request(contentLength: false, extraHeaders: "Content-Length: -5\r\n", callId: "ncl",
            via: "SIP/2.0/TCP phone.invalid;branch=z9hG4bKncl"));
        var response = await phone.ReceiveMessageAsync();

        Assert.Equal("SIP/2.0 400 Bad Content-Length Header", SipText.StatusLine(response!));
        Assert.Equal("ncl", SipText.Header(response!, "Call-ID"));
        Assert.True(await phone.IsClosedByPeerAsync());
        Assert.Equal(1, harness.Metrics.Sum(Rejected, "reason=InvalidContentLength"));
    }

    [Fact]
    public async Task An_oversized_TCP_message_gets_513_before_its_body_and_the_connection_is_closed()
    {
        await using var harness = await Harness.StartAsync("IPv4");
        using var phone = await TcpPeer.ConnectAsync(harness.Endpoint);

        await phone.SendAsync(SipText.Request(contentLength: false, extraHeaders: "Content-Length: 100000\r\n", callId: "huge",
            via: "SIP/2.0/TCP phone.invalid;branch=z9hG4bKhuge") + new string('x', 3000));
        var response = await phone.ReceiveMessageAsync();

        Assert.Equal("SIP/2.0 513 Message Too Large", SipText.StatusLine(response!));
        Assert.True(await phone.IsClosedByPeerAsync());
    }

    [Fact]
    public async Task A_TCP_stream_without_a_header_terminator_is_closed_at_the_header_limit()
    {
        await using var harness = await Harness.StartAsync("IPv4", o => o.Limits = o.Limits with { MaxHeaderSectionBytes = 1024 });
        using var phone = await TcpPeer.ConnectAsync(harness.Endpoint);

        await phone.SendAsync("OPTIONS sip:a@b SIP/2.0\r\nX-Endless: " + new string('y', 2000));

        Assert.True(await phone.IsClosedByPeerAsync());
        Assert.Equal(1, harness.Metrics.Sum(Rejected, "reason=MessageTooLarge"));
        Assert.Equal(0, harness.Handler.Count);
    }
}
