using System.Net;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Negotiation;
using Lyrebird.Sdp.Writing;

namespace Lyrebird.Sdp.Tests;

public sealed class OfferAnswerTests
{
    private static readonly IPAddress Relay = IPAddress.Parse("198.51.100.1");

    private static SessionDescription Filter(SessionDescription offer, IReadOnlyList<SupportedCodec>? codecs = null)
    {
        var result = OfferAnswer.FilterOffer(offer, codecs ?? SupportedCodec.Recordable);
        Assert.True(result.IsOk, result.Error?.Message);
        return result.Value;
    }

    [Fact]
    public void Filter_keeps_the_offer_order_not_the_configured_order()
    {
        var filtered = Filter(Sdps.Parse(TestData.Sdp("snom320-offer")), [SupportedCodec.Pcma, SupportedCodec.Pcmu, SupportedCodec.G722]);
        Assert.Equal(["9", "0", "8", "101"], filtered.Media[0].Formats);
    }

    [Fact]
    public void Filter_accepts_static_payload_types_without_rtpmap()
    {
        var filtered = Filter(Sdps.Audio("0 8 9 3"));
        Assert.Equal(["0", "8", "9"], filtered.Media[0].Formats);
    }

    [Fact]
    public void Filter_matches_dynamic_payload_types_by_name_and_clock_rate()
    {
        var filtered = Filter(Sdps.Audio("96 97 98", "a=rtpmap:96 pcmu/8000\na=rtpmap:97 PCMA/16000\na=rtpmap:98 G722/16000\n"));
        Assert.Equal(["96"], filtered.Media[0].Formats);
        Assert.Equal([new SdpAttribute("rtpmap", "96 pcmu/8000")], filtered.Media[0].Attributes);
    }

    [Fact]
    public void Filter_keeps_telephone_event_only_at_a_kept_codecs_clock_rate()
    {
        var filtered = Filter(Sdps.Audio("0 101 102", "a=rtpmap:101 telephone-event/48000\na=rtpmap:102 telephone-event/8000\na=fmtp:102 0-16\n"));
        Assert.Equal(["0", "102"], filtered.Media[0].Formats);
    }

    [Fact]
    public void Telephone_event_alone_is_not_a_common_codec()
    {
        var result = OfferAnswer.FilterOffer(Sdps.Audio("3 101", "a=rtpmap:101 telephone-event/8000\n"), SupportedCodec.Recordable);
        Assert.False(result.IsOk);
        Assert.Equal(SdpErrorKind.NoCommonCodec, result.Error.Kind);
        Assert.Equal("No common codec: offer has GSM", result.Error.Message);
        Assert.Equal(305, result.Error.WarningCode);
    }

    [Fact]
    public void Unknown_dynamic_payload_types_are_named_by_number_in_the_error()
    {
        var result = OfferAnswer.FilterOffer(Sdps.Audio("18 96"), SupportedCodec.Recordable);
        Assert.Equal("No common codec: offer has G729, PT 96", result.Error?.Message);
    }

    [Fact]
    public void Filter_rejects_streams_with_port_zero_and_keeps_the_line_count()
    {
        var offer = Sdps.Parse(TestData.Sdp("snom320-offer").TrimEnd() +
            "\nm=audio 5000 RTP/AVP 18\nm=video 6000 RTP/AVP 31\nm=audio 7000 RTP/SAVP 0\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abc\n");
        var filtered = Filter(offer);
        Assert.Equal(4, filtered.Media.Count);
        Assert.Equal([false, true, true, true], filtered.Media.Select(m => m.IsRejected));
        Assert.Equal(["audio", "audio", "video", "audio"], filtered.Media.Select(m => m.Media));
        Assert.Empty(filtered.Media[3].Attributes);
    }

    [Fact]
    public void No_audio_is_a_304_error()
    {
        var result = OfferAnswer.FilterOffer(Sdps.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=image 6000 udptl t38\n"), SupportedCodec.Recordable);
        Assert.Equal(SdpErrorKind.NoAudioStream, result.Error?.Kind);
        Assert.Equal(304, result.Error?.WarningCode);
    }

    [Fact]
    public void Rewrite_replaces_session_and_media_connections_and_ports()
    {
        var offer = Sdps.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n" +
            "m=audio 4000/2 RTP/AVP 0\nc=IN IP4 10.0.0.2\nm=audio 0 RTP/AVP 0\nc=IN IP4 10.0.0.3\n");
        var calls = new List<int>();
        var rewritten = OfferAnswer.RewriteForRelay(offer, Relay, i => { calls.Add(i); return (50000, 50001); }, new SessionOrigin(Relay, 7, 1));
        Assert.Equal(SdpConnection.For(Relay), rewritten.Connection);
        Assert.All(rewritten.Media, m => Assert.Equal(SdpConnection.For(Relay), m.Connection));
        Assert.Equal((50000, (int?)null), (rewritten.Media[0].Port, rewritten.Media[0].PortCount));
        Assert.Equal(0, rewritten.Media[1].Port);
        Assert.Equal([0], calls);
        Assert.DoesNotContain("10.0.0.", SdpWriter.Write(rewritten), StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_adds_a_missing_session_connection_and_timing()
    {
        var offer = Sdps.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nm=audio 4000 RTP/AVP 0\nc=IN IP4 10.0.0.2\n");
        var rewritten = OfferAnswer.RewriteForRelay(offer, Relay, _ => (50000, 50001), new SessionOrigin(Relay, 7, 1));
        Assert.Equal(SdpConnection.For(Relay), rewritten.Connection);
        Assert.Equal([SdpTiming.Permanent], rewritten.Timings);
    }

    [Theory]
    [InlineData(false, 50001, null)]
    [InlineData(false, 50011, "50011")]
    [InlineData(true, 50001, null)]
    [InlineData(true, 50000, null)]
    [InlineData(true, 50011, "50011")]
    public void Rewrite_writes_a_rtcp_only_when_rtcp_is_not_on_the_default_port(bool mux, int rtcpPort, string? expected)
    {
        var offer = Sdps.Audio("0", "a=rtcp:4001\n" + (mux ? "a=rtcp-mux\n" : ""));
        var rewritten = OfferAnswer.RewriteForRelay(offer, Relay, _ => (50000, rtcpPort), new SessionOrigin(Relay, 7, 1));
        Assert.Equal(expected, rewritten.Media[0].GetAttribute("rtcp")?.Value);
        Assert.Equal(mux, rewritten.Media[0].HasRtcpMux);
    }

    [Fact]
    public void Rewrite_removes_ice_crypto_and_bundle()
    {
        var offer = Sdps.Parse(TestData.Sdp("linphone-offer").Replace("a=record:off", "a=record:off\na=group:BUNDLE 0 1", StringComparison.Ordinal));
        var rewritten = OfferAnswer.RewriteForRelay(offer, Relay, i => (50000 + (2 * i), 50001 + (2 * i)), new SessionOrigin(Relay, 7, 1));
        var text = SdpWriter.Write(rewritten);
        foreach (var gone in new[] { "a=candidate", "a=ice-", "a=crypto", "a=group", "192.168.1.70", "a=rtcp:" })
        {
            Assert.DoesNotContain(gone, text, StringComparison.Ordinal);
        }

        Assert.Contains("a=rtcp-xr:", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sendrecv", "sendonly")]
    [InlineData("recvonly", "inactive")]
    [InlineData("sendonly", "sendonly")]
    [InlineData("inactive", "inactive")]
    public void Rfc2543_hold_address_becomes_a_direction_when_the_address_is_rewritten(string direction, string expected)
    {
        var offer = Sdps.Audio("0", $"a={direction}\n", address: "0.0.0.0");
        var rewritten = OfferAnswer.RewriteForRelay(offer, Relay, _ => (50000, 50001), new SessionOrigin(Relay, 7, 1));
        Assert.Equal(expected, rewritten.Media[0].Direction!.Value.ToAttributeName());
    }

    [Fact]
    public void Rewrite_stamps_the_legs_origin()
    {
        var rewritten = OfferAnswer.RewriteForRelay(Sdps.Audio("0"), Relay, _ => (50000, 50001), new SessionOrigin(Relay, 7, 3));
        Assert.Equal(new SdpOrigin("lyrebird", "7", 3, "IN", "IP4", "198.51.100.1"), rewritten.Origin);
    }

    [Fact]
    public void Answer_with_fewer_m_lines_is_refused()
    {
        var offer = Sdps.Parse(TestData.Sdp("linphone-offer"));
        var check = OfferAnswer.CheckAnswer(offer, Sdps.Audio("0"));
        Assert.Equal(SdpErrorKind.AnswerMediaMismatch, check.Error?.Kind);
        Assert.Equal("answer has 1 m= lines but the offer has 2", check.Error?.Message);
    }

    [Fact]
    public void Answer_in_a_different_order_is_refused()
    {
        var offer = Sdps.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 0\nm=video 4002 RTP/AVP 31\n");
        var answer = Sdps.Parse("v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\nm=video 5002 RTP/AVP 31\nm=audio 5000 RTP/AVP 0\n");
        Assert.Equal("m= line 1: answer media 'video' does not match offered 'audio'", OfferAnswer.CheckAnswer(offer, answer).Error?.Message);
    }

    [Fact]
    public void Answer_accepting_a_rejected_stream_is_refused()
    {
        var check = OfferAnswer.CheckAnswer(Sdps.Audio("0", port: 0), Sdps.Audio("0", port: 5000));
        Assert.Equal("m= line 1: the offer rejected this stream (port 0) but the answer accepts it", check.Error?.Message);
    }

    [Fact]
    public void Answer_with_another_protocol_is_refused()
    {
        var answer = Sdps.Parse("v=0\no=- 1 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\nm=audio 5000 RTP/SAVP 0\n");
        Assert.Equal("m= line 1: answer protocol 'RTP/SAVP' does not match offered 'RTP/AVP'", OfferAnswer.CheckAnswer(Sdps.Audio("0"), answer).Error?.Message);
    }

    [Fact]
    public void Answer_with_a_codec_not_offered_is_refused()
    {
        var check = OfferAnswer.CheckAnswer(Sdps.Audio("0 8"), Sdps.Audio("3"));
        Assert.Equal(SdpErrorKind.AnswerCodecNotOffered, check.Error?.Kind);
        Assert.Equal("m= line 1: answer codec 'GSM/8000' (PT 3) was not offered", check.Error?.Message);
    }

    [Fact]
    public void Answer_may_use_another_dynamic_payload_type_for_an_offered_codec()
    {
        var offer = Sdps.Audio("0 101", "a=rtpmap:101 telephone-event/8000\n");
        var answer = Sdps.Audio("0 96", "a=rtpmap:96 telephone-event/8000\n");
        Assert.True(OfferAnswer.CheckAnswer(offer, answer).IsOk);
    }

    [Fact]
    public void Answer_may_reject_every_stream()
    {
        Assert.True(OfferAnswer.CheckAnswer(Sdps.Audio("0"), Sdps.Audio("0", port: 0)).IsOk);
    }

    [Theory]
    [InlineData(MediaDirection.SendRecv, MediaDirection.SendRecv, true)]
    [InlineData(MediaDirection.SendRecv, MediaDirection.SendOnly, true)]
    [InlineData(MediaDirection.SendRecv, MediaDirection.RecvOnly, true)]
    [InlineData(MediaDirection.SendRecv, MediaDirection.Inactive, true)]
    [InlineData(MediaDirection.SendOnly, MediaDirection.RecvOnly, true)]
    [InlineData(MediaDirection.SendOnly, MediaDirection.Inactive, true)]
    [InlineData(MediaDirection.SendOnly, MediaDirection.SendRecv, false)]
    [InlineData(MediaDirection.SendOnly, MediaDirection.SendOnly, false)]
    [InlineData(MediaDirection.RecvOnly, MediaDirection.SendOnly, true)]
    [InlineData(MediaDirection.RecvOnly, MediaDirection.Inactive, true)]
    [InlineData(MediaDirection.RecvOnly, MediaDirection.SendRecv, false)]
    [InlineData(MediaDirection.RecvOnly, MediaDirection.RecvOnly, false)]
    [InlineData(MediaDirection.Inactive, MediaDirection.Inactive, true)]
    [InlineData(MediaDirection.Inactive, MediaDirection.SendRecv, false)]
    [InlineData(MediaDirection.Inactive, MediaDirection.RecvOnly, false)]
    public void Answer_direction_must_be_compatible_with_the_offer(MediaDirection offered, MediaDirection answered, bool allowed)
    {
        var offer = Sdps.Audio("0", $"a={offered.ToAttributeName()}\n");
        var answer = Sdps.Audio("0", $"a={answered.ToAttributeName()}\n");
        var check = OfferAnswer.CheckAnswer(offer, answer);
        Assert.Equal(allowed, check.IsOk);
        Assert.Equal(allowed ? null : SdpErrorKind.AnswerDirectionMismatch, check.Error?.Kind);
    }

    [Fact]
    public void Session_level_direction_applies_to_streams_without_their_own()
    {
        var offer = Sdps.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\na=sendonly\nm=audio 4000 RTP/AVP 0\n");
        Assert.False(OfferAnswer.CheckAnswer(offer, Sdps.Audio("0", "a=sendrecv\n")).IsOk);
        Assert.True(OfferAnswer.CheckAnswer(offer, Sdps.Audio("0", "a=recvonly\n")).IsOk);
    }

    [Theory]
    [InlineData("a=sendonly\n", "192.168.1.50", true)]
    [InlineData("a=inactive\n", "192.168.1.50", true)]
    [InlineData("", "0.0.0.0", true)]
    [InlineData("a=sendrecv\n", "192.168.1.50", false)]
    [InlineData("", "192.168.1.50", false)]
    [InlineData("a=recvonly\n", "192.168.1.50", false)]
    public void Hold_is_sendonly_inactive_or_the_rfc2543_address(string lines, string address, bool held)
    {
        Assert.Equal(held, OfferAnswer.IsHold(Sdps.Audio("0", lines, address)));
    }

    [Fact]
    public void Hold_needs_every_active_audio_stream_held()
    {
        var offer = Sdps.Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n" +
            "m=audio 4000 RTP/AVP 0\na=sendonly\nm=audio 4002 RTP/AVP 0\nm=audio 0 RTP/AVP 0\n");
        Assert.False(OfferAnswer.IsHold(offer));
        Assert.True(OfferAnswer.IsStreamHeld(offer, 0));
        Assert.False(OfferAnswer.IsStreamHeld(offer, 2));
        Assert.False(OfferAnswer.IsHold(Sdps.Audio("0", port: 0)));
    }

    [Fact]
    public void Stream_info_from_the_snom_offer()
    {
        var stream = Assert.Single(OfferAnswer.ExtractStreams(Sdps.Parse(TestData.Sdp("snom320-offer"))));
        Assert.True(stream.IsActive);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.168.1.50"), 63402), stream.RtpEndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.168.1.50"), 63403), stream.RtcpEndPoint);
        Assert.False(stream.RtcpMux);
        Assert.Equal([9, 0, 8, 3, 18, 101], stream.Payloads.Select(p => p.PayloadType));
        Assert.Equal(new PayloadFormat(9, "G722", 8000, 1, null), stream.GetPayload(9));
        Assert.Equal(new PayloadFormat(101, "telephone-event", 8000, 1, "0-15"), stream.GetPayload(101));
        Assert.Equal(101, stream.TelephoneEventPayloadType);
        Assert.Equal(20, stream.Ptime);
        Assert.Equal(MediaDirection.SendRecv, stream.Direction);
    }

    [Fact]
    public void Stream_info_uses_a_rtcp_port_and_address()
    {
        var sdp = Sdps.Audio("0", "a=rtcp:9000 IN IP4 10.9.9.9\na=recvonly\n");
        var stream = OfferAnswer.ExtractStreams(sdp)[0];
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.9.9.9"), 9000), stream.RtcpEndPoint);
        Assert.Equal(MediaDirection.RecvOnly, stream.Direction);
        Assert.Null(stream.TelephoneEventPayloadType);
        Assert.Equal(new PayloadFormat(0, "PCMU", 8000, 1, null), Assert.Single(stream.Payloads));
    }

    [Fact]
    public void Stream_info_rtcp_mux_needs_both_sides()
    {
        var muxed = Sdps.Audio("0", "a=rtcp-mux\na=rtcp:4001\n");
        var plain = Sdps.Audio("0");
        var both = OfferAnswer.ExtractStreams(muxed, muxed)[0];
        Assert.True(both.RtcpMux);
        Assert.Equal(both.RtpPort, both.RtcpPort);
        var one = OfferAnswer.ExtractStreams(muxed, plain)[0];
        Assert.False(one.RtcpMux);
        Assert.Equal(4001, one.RtcpPort);
        Assert.True(OfferAnswer.ExtractStreams(muxed)[0].RtcpMux);
    }

    [Fact]
    public void Stream_info_of_a_rejected_stream_has_no_endpoints()
    {
        var stream = OfferAnswer.ExtractStreams(Sdps.Audio("0", port: 0))[0];
        Assert.False(stream.IsActive);
        Assert.Null(stream.RtpEndPoint);
        Assert.Null(stream.RtcpEndPoint);
    }
}
