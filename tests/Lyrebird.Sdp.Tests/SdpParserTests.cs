using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Parsing;
using Lyrebird.Sdp.Writing;

namespace Lyrebird.Sdp.Tests;

public sealed class SdpParserTests
{
    public static TheoryData<string> Samples() => new(TestData.SdpNames());

    private static SessionDescription Parse(string text)
    {
        var result = SdpParser.Parse(text);
        Assert.True(result.IsOk, result.Error?.Message);
        return result.Value;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Parse_of_write_equals_the_parsed_sample(string name)
    {
        var sdp = Parse(TestData.Sdp(name));
        Assert.Equal(sdp, Parse(SdpWriter.Write(sdp)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Canonical_samples_are_written_back_byte_for_byte_with_crlf(string name)
    {
        var text = TestData.Crlf(TestData.Sdp(name));
        Assert.Equal(text, SdpWriter.Write(Parse(text)));
    }

    [Fact]
    public void Lf_only_crlf_and_trailing_whitespace_parse_to_the_same_description()
    {
        var lf = TestData.Sdp("snom320-offer").ReplaceLineEndings("\n");
        var crlf = TestData.Crlf(lf);
        var padded = string.Join("\r\n", lf.Split('\n').Select(l => l + " \t")) + "\r\n\r\n";
        Assert.Equal(Parse(crlf), Parse(lf));
        Assert.Equal(Parse(crlf), Parse(padded));
    }

    [Fact]
    public void Parses_the_utf8_body_bytes()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(TestData.Sdp("sipp-uac-offer"));
        var result = SdpParser.Parse(bytes);
        Assert.True(result.IsOk);
        Assert.Equal("user1", result.Value.Origin.Username);
    }

    [Fact]
    public void Snom_offer_fields_and_typed_attributes()
    {
        var sdp = Parse(TestData.Sdp("snom320-offer"));
        Assert.Equal(new SdpOrigin("root", "1450378024", 1450378024, "IN", "IP4", "192.168.1.50"), sdp.Origin);
        Assert.Equal("call", sdp.SessionName);
        Assert.Equal(new SdpConnection("IN", "IP4", "192.168.1.50"), sdp.Connection);
        Assert.Equal(SdpTiming.Permanent, Assert.Single(sdp.Timings));
        var audio = Assert.Single(sdp.Media);
        Assert.Equal(("audio", 63402, "RTP/AVP"), (audio.Media, audio.Port, audio.Protocol));
        Assert.Equal(["9", "0", "8", "3", "18", "101"], audio.Formats);
        Assert.Equal(new RtpMap(9, "G722", 8000), audio.GetRtpMap(9));
        Assert.Equal(new RtpMap(101, "telephone-event", 8000), audio.GetRtpMap(101));
        Assert.Equal("annexb=no", audio.GetFmtp(18)?.Parameters);
        Assert.Equal("0-15", audio.GetFmtp("101")?.Parameters);
        Assert.Equal(20, audio.Ptime);
        Assert.Null(audio.MaxPtime);
        Assert.Equal(MediaDirection.SendRecv, audio.Direction);
        Assert.Null(audio.Rtcp);
        Assert.False(audio.HasRtcpMux);
        Assert.False(audio.HasCrypto);
    }

    [Fact]
    public void Linphone_offer_exposes_rtcp_mux_rtcp_port_crypto_and_ice()
    {
        var sdp = Parse(TestData.Sdp("linphone-offer"));
        Assert.Equal(2, sdp.Media.Count);
        var audio = sdp.Media[0];
        Assert.True(audio.HasRtcpMux);
        Assert.Equal(new RtcpAttribute(7079), audio.Rtcp);
        Assert.True(audio.HasCrypto);
        Assert.Equal(3, audio.GetAttributes("candidate").Count());
        Assert.Equal(new SdpBandwidth("AS", 380), Assert.Single(sdp.Bandwidths));
        Assert.Equal("31ec21eb38b2ec6d36e8dc7b", sdp.GetAttribute("ice-pwd")?.Value);
        Assert.Equal(new RtpMap(96, "opus", 48000, 2), audio.GetRtpMap(96));
        Assert.Null(audio.GetRtpMap(0));
        Assert.Equal(new RtpMap(0, "PCMU", 8000), audio.ResolvePayloadType(0));
        Assert.Equal("video", sdp.Media[1].Media);
    }

    [Fact]
    public void Asterisk_answer_has_ptime_and_maxptime()
    {
        var audio = Parse(TestData.Sdp("asterisk-answer")).Media[0];
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(150, audio.MaxPtime);
    }

    [Fact]
    public void Rtcp_attribute_with_address_is_parsed()
    {
        var sdp = Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 5004 RTP/AVP 0\na=rtcp:53020 IN IP4 126.16.64.4\n");
        Assert.Equal(new RtcpAttribute(53020, new SdpConnection("IN", "IP4", "126.16.64.4")), sdp.Media[0].Rtcp);
        Assert.Equal(sdp, Parse(SdpWriter.Write(sdp)));
    }

    [Fact]
    public void Optional_session_lines_unknown_lines_and_unknown_attributes_are_kept_in_canonical_order()
    {
        // Lines within the session are out of canonical order (c before p, a before k); the writer puts them in order.
        const string input = "v=0\no=- 1 2 IN IP4 10.0.0.1\ns=Session\ni=About\nu=http://example.com/s\ne=a@example.com\n" +
            "c=IN IP4 10.0.0.1\np=+1 617 555 6011\nb=CT:128\nt=2873397496 2873404696\nr=7d 1h 0 25h\nt=0 0\n" +
            "a=x-custom:42\nz=2882844526 -1h\nk=prompt\ny=private line\na=recvonly\n" +
            "m=audio 5004/2 RTP/AVP 0\ni=voice\nc=IN IP4 10.0.0.2\nb=AS:64\nk=clear:abc\nx=other\na=foo\na=bar:\n";
        var sdp = Parse(input);
        Assert.Equal("About", sdp.Information);
        Assert.Equal("http://example.com/s", sdp.Uri);
        Assert.Equal(["a@example.com"], sdp.Emails);
        Assert.Equal(["+1 617 555 6011"], sdp.Phones);
        Assert.Equal(new SdpTiming(2873397496, 2873404696, ValueList<string>.Of("7d 1h 0 25h")), sdp.Timings[0]);
        Assert.Equal("2882844526 -1h", sdp.TimeZones);
        Assert.Equal("prompt", sdp.Key);
        Assert.Equal(new SdpLine('y', "private line"), Assert.Single(sdp.OtherLines));
        Assert.Equal(MediaDirection.RecvOnly, sdp.Direction);
        var m = sdp.Media[0];
        Assert.Equal(2, m.PortCount);
        Assert.Equal(("voice", "clear:abc"), (m.Title, m.Key));
        Assert.Equal(new SdpLine('x', "other"), Assert.Single(m.OtherLines));
        Assert.Equal([new SdpAttribute("foo"), new SdpAttribute("bar", "")], m.Attributes);
        Assert.Equal(MediaDirection.RecvOnly, sdp.EffectiveDirection(m));

        var written = SdpWriter.Write(sdp);
        Assert.Equal(
            "v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=Session\r\ni=About\r\nu=http://example.com/s\r\ne=a@example.com\r\np=+1 617 555 6011\r\n" +
            "c=IN IP4 10.0.0.1\r\nb=CT:128\r\nt=2873397496 2873404696\r\nr=7d 1h 0 25h\r\nt=0 0\r\nz=2882844526 -1h\r\nk=prompt\r\n" +
            "y=private line\r\na=x-custom:42\r\na=recvonly\r\nm=audio 5004/2 RTP/AVP 0\r\ni=voice\r\nc=IN IP4 10.0.0.2\r\nb=AS:64\r\n" +
            "k=clear:abc\r\nx=other\r\na=foo\r\na=bar:\r\n",
            written);
        Assert.Equal(sdp, Parse(written));
    }

    [Fact]
    public void Missing_session_name_is_tolerated_and_written_as_a_space()
    {
        var sdp = Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 5004 RTP/AVP 0\n");
        Assert.Equal("", sdp.SessionName);
        Assert.Contains("\r\ns= \r\n", SdpWriter.Write(sdp), StringComparison.Ordinal);
        Assert.Equal(sdp, Parse(SdpWriter.Write(sdp)));
    }

    [Fact]
    public void Non_rtp_formats_are_kept_as_text()
    {
        var sdp = Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=image 6000 udptl t38\na=T38FaxVersion:0\n");
        Assert.Equal(["t38"], sdp.Media[0].Formats);
        Assert.False(sdp.Media[0].IsRtp);
    }

    private const string Head = "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n";

    [Theory]
    [InlineData("", "empty SDP: expected v=0")]
    [InlineData("o=- 1 1 IN IP4 10.0.0.1\nv=0\n", "line 1: SDP must start with v=0, not 'o=- 1 1 IN IP4 10.0.0.1'")]
    [InlineData("v=1\n", "line 1: unsupported protocol version '1' (only v=0 exists)")]
    [InlineData("v=0\ns=-\n", "missing o= line")]
    [InlineData("v=0\no=- 1 IN IP4 10.0.0.1\n", "line 2: o= needs 6 fields '<username> <sess-id> <sess-version> <nettype> <addrtype> <address>', got 5")]
    [InlineData("v=0\no=- 1 two IN IP4 10.0.0.1\n", "line 2: o= session version 'two' is not a number")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\nhello\n", "line 3: expected '<type>=<value>' but got 'hello'")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\nc=IN IP4\n", "line 3: c= needs '<nettype> <addrtype> <address>', got 2 fields")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\nb=AS:lots\n", "line 3: b= bandwidth 'lots' is not a number")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\nt=0\n", "line 3: t= needs '<start-time> <stop-time>', got 1 fields")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\nr=7d 1h 0 25h\n", "line 3: r= line without a preceding t= line")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\no=- 1 1 IN IP4 10.0.0.1\n", "line 3: duplicate o= line")]
    [InlineData(Head + "m=audio 5004 RTP/AVP 0\nm=audio x RTP/AVP 0\n", "m= line 2: port 'x' is not a number")]
    [InlineData(Head + "m=audio 70000 RTP/AVP 0\n", "m= line 1: port 70000 is out of range (0-65535)")]
    [InlineData(Head + "m=audio 5004/0 RTP/AVP 0\n", "m= line 1: port count 0 is out of range (1-65535)")]
    [InlineData(Head + "m=audio 5004 RTP/AVP\n", "m= line 1: expected '<media> <port> <proto> <format> ...', got 3 fields")]
    [InlineData(Head + "m=audio 5004 RTP/AVP 0 128\n", "m= line 1: format '128' is not an RTP payload type (0-127)")]
    [InlineData(Head + "m=audio 5004 RTP/AVP 0\na=rtpmap:0 PCMU\n", "m= line 1: a=rtpmap '0 PCMU' is malformed (expected '<payload type> <encoding>/<clock rate>[/<channels>]')")]
    [InlineData(Head + "m=audio 5004 RTP/AVP 0\na=rtcp:abc\n", "m= line 1: a=rtcp 'abc' is malformed (expected '<port> [IN IP4 <address>]')")]
    [InlineData(Head + "m=audio 5004 RTP/AVP 0\na=ptime:twenty\n", "m= line 1: a=ptime 'twenty' is not a number of milliseconds")]
    [InlineData(Head + "m=audio 5004 RTP/AVP 0\nt=0 0\n", "m= line 1: t= is a session-level line and cannot follow an m= line")]
    [InlineData(Head + "m=audio 5004 RTP/AVP 0\nc=IN IP4 10.0.0.2\nc=IN IP4 10.0.0.3\n", "m= line 1: more than one c= line (multicast layering is not supported)")]
    [InlineData("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\nm=audio 5004 RTP/AVP 0\n", "m= line 1: no c= line at session or media level")]
    public void Bad_input_is_refused_with_a_specific_message(string input, string message)
    {
        var result = SdpParser.Parse(input);
        Assert.False(result.IsOk);
        Assert.Equal(SdpErrorKind.Syntax, result.Error.Kind);
        Assert.Equal(message, result.Error.Message);
    }

    [Fact]
    public void A_rejected_stream_needs_no_connection_line()
    {
        var sdp = Parse("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nt=0 0\nm=video 0 RTP/AVP 31\n");
        Assert.True(sdp.Media[0].IsRejected);
    }

    [Fact]
    public void Long_tokens_are_truncated_in_error_messages()
    {
        var result = SdpParser.Parse(Head + "m=audio " + new string('9', 200) + " RTP/AVP 0\n");
        Assert.False(result.IsOk);
        Assert.True(result.Error.Message.Length < 100, result.Error.Message);
    }
}
