using System.Runtime.InteropServices;
using System.Text;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Tests.Parsing;

public sealed class SipMessageParserTests
{
    private const string Headers =
        "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n" +
        "From: <sip:a@example.com>;tag=1\r\n" +
        "To: <sip:b@example.com>\r\n" +
        "Call-ID: abc@10.0.0.1\r\n" +
        "CSeq: 1 OPTIONS\r\n";

    private static SipParseResult Parse(string text, bool isStream = false, SipLimits? limits = null) =>
        SipMessageParser.Parse(Encoding.UTF8.GetBytes(text), limits ?? SipLimits.Default, isStream);

    private static string Options(string extra = "", string body = "") =>
        "OPTIONS sip:b@example.com SIP/2.0\r\n" + Headers + extra + "\r\n" + body;

    [Fact]
    public void Header_values_are_slices_of_the_input_buffer()
    {
        var data = Encoding.ASCII.GetBytes(Options("Content-Length: 0\r\n"));
        var m = SipMessageParser.Parse(data, SipLimits.Default).Message!;
        foreach (var header in m.Headers)
        {
            Assert.True(MemoryMarshal.TryGetArray(header.RawValue, out var segment));
            Assert.Same(data, segment.Array);
        }
    }

    [Fact]
    public void Folded_values_are_unfolded_into_single_spaces()
    {
        var m = Parse(Options("Subject: first   \r\n \t second\r\n  third\r\n")).Message!;
        Assert.Equal("first second third", m.Headers.GetFirstValue(HeaderId.Subject));
    }

    [Fact]
    public void Compact_forms_and_any_case_map_to_known_headers()
    {
        var m = Parse("OPTIONS sip:b@example.com SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nF: <sip:a@x>;tag=1\r\nt: <sip:b@x>\r\ni: c1\r\ncSeQ: 1 OPTIONS\r\nl: 0\r\nm: <sip:a@h>\r\nk: timer\r\n\r\n").Message!;
        Assert.Equal([HeaderId.Via, HeaderId.From, HeaderId.To, HeaderId.CallId, HeaderId.CSeq, HeaderId.ContentLength, HeaderId.Contact, HeaderId.Supported],
            m.Headers.Select(h => h.Id));
        Assert.Equal("c1", m.CallId);
    }

    [Fact]
    public void List_headers_are_split_respecting_quotes_and_angle_brackets()
    {
        var m = Parse(Options(
            "Contact: \"Doe, John\" <sip:j,k@h;x=a>;q=0.5, <sip:k@h>\r\n" +
            "Via: SIP/2.0/UDP a;branch=z9hG4bK2 , SIP/2.0/TCP b;branch=z9hG4bK3\r\n" +
            "Supported: timer, ,100rel\r\n" +
            "Authorization: Digest username=\"a\", realm=\"b\"\r\n")).Message!;
        Assert.Equal(["\"Doe, John\" <sip:j,k@h;x=a>;q=0.5", "<sip:k@h>"], m.Headers.GetAll(HeaderId.Contact).Select(h => h.Value));
        Assert.Equal(3, m.Headers.CountOf(HeaderId.Via));
        Assert.Equal(["timer", "100rel"], m.Headers.GetAll(HeaderId.Supported).Select(h => h.Value));
        Assert.Equal("Digest username=\"a\", realm=\"b\"", m.Headers.GetFirstValue(HeaderId.Authorization));
    }

    [Fact]
    public void Leading_crlfs_and_bare_lf_line_ends_are_tolerated()
    {
        var m = Parse("\r\n\r\n" + Options("Content-Length: 2\r\n", "hi").Replace("\r\n", "\n", StringComparison.Ordinal)).Message!;
        Assert.Equal("abc@10.0.0.1", m.CallId);
        Assert.Equal("hi", Encoding.ASCII.GetString(m.Body.Span));
    }

    [Fact]
    public void A_datagram_without_content_length_has_the_rest_as_body_and_extra_bytes_are_ignored_otherwise()
    {
        Assert.Equal("abcdef", Encoding.ASCII.GetString(Parse(Options(body: "abcdef")).Message!.Body.Span));
        Assert.Equal("abc", Encoding.ASCII.GetString(Parse(Options("Content-Length: 3\r\n", "abcdef")).Message!.Body.Span));
    }

    [Fact]
    public void A_stream_message_needs_content_length()
    {
        var result = Parse(Options(), isStream: true);
        Assert.Equal(SipRejectReason.InvalidContentLength, result.Reason);
        Assert.True(Parse(Options("Content-Length: 0\r\n"), isStream: true).IsOk);
    }

    [Theory]
    [InlineData("Content-Length: 10\r\n", SipRejectReason.ContentLengthExceedsDatagram, HeaderId.ContentLength)]
    [InlineData("Content-Length: 1x\r\n", SipRejectReason.InvalidContentLength, HeaderId.ContentLength)]
    [InlineData("Content-Length: 99999999999999999999\r\n", SipRejectReason.InvalidContentLength, HeaderId.ContentLength)]
    [InlineData("Max-Forwards: 256\r\n", SipRejectReason.ValueOutOfRange, HeaderId.MaxForwards)]
    [InlineData("Max-Forwards: -1\r\n", SipRejectReason.MalformedHeaderValue, HeaderId.MaxForwards)]
    [InlineData("Content-Type: a/b\r\nc: a/b\r\n", SipRejectReason.DuplicateSingletonHeader, HeaderId.ContentType)]
    [InlineData("Max-Forwards: 1\r\nMax-Forwards: 1\r\n", SipRejectReason.DuplicateSingletonHeader, HeaderId.MaxForwards)]
    [InlineData("i: other\r\n", SipRejectReason.DuplicateSingletonHeader, HeaderId.CallId)]
    [InlineData("Via: SIP/2.0/UDP h;branch=z9hG4bK2,\r\n", SipRejectReason.MalformedHeaderValue, HeaderId.Via)]
    [InlineData("Contact: <sip:a@b\r\n", SipRejectReason.MalformedHeaderValue, HeaderId.Contact)]
    [InlineData("no colon here\r\n", SipRejectReason.InvalidHeaderLine, HeaderId.Unknown)]
    [InlineData("Bad Name: x\r\n", SipRejectReason.InvalidHeaderLine, HeaderId.Unknown)]
    public void Bad_headers_are_rejected_with_reason_and_header(string extra, SipRejectReason reason, HeaderId header)
    {
        var result = Parse(Options(extra));
        Assert.Equal((reason, header), (result.Reason, result.Header));
        Assert.False(result.IsResponse);
        Assert.Equal("OPTIONS", result.Salvage!.Method);
        Assert.Equal("abc@10.0.0.1", result.Salvage.CallId);
    }

    [Theory]
    [InlineData("Via")]
    [InlineData("From")]
    [InlineData("To")]
    [InlineData("Call-ID")]
    [InlineData("CSeq")]
    public void Missing_required_headers_are_named(string name)
    {
        var text = Options().Replace(Headers.Split("\r\n").First(l => l.StartsWith(name + ":", StringComparison.Ordinal)) + "\r\n", "", StringComparison.Ordinal);
        var result = Parse(text);
        Assert.Equal(SipRejectReason.MissingRequiredHeader, result.Reason);
        Assert.Equal(KnownHeaders.Lookup(name), result.Header);
        Assert.Equal(name == "Via", result.Salvage is null);
    }

    [Fact]
    public void CSeq_method_must_match_a_known_request_method()
    {
        var result = Parse(Options().Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal));
        Assert.Equal((SipRejectReason.CSeqMethodMismatch, HeaderId.CSeq), (result.Reason, result.Header));
    }

    [Fact]
    public void Limits_are_enforced()
    {
        Assert.Equal(SipRejectReason.MessageTooLarge, Parse(Options(body: new string('x', 200)), limits: new SipLimits { MaxMessageBytes = 300 }).Reason);
        Assert.Equal(SipRejectReason.TooManyHeaders, Parse(Options("A: 1\r\nB: 2\r\n"), limits: new SipLimits { MaxHeaderCount = 6 }).Reason);
        var vias = Parse(Options("Via: SIP/2.0/UDP a;branch=z9hG4bK2, SIP/2.0/UDP b;branch=z9hG4bK3\r\n"), limits: new SipLimits { MaxViaCount = 2 });
        Assert.Equal((SipRejectReason.TooManyHeaders, HeaderId.Via), (vias.Reason, vias.Header));
        Assert.Equal(SipRejectReason.MessageTooLarge, Parse(Options("X: " + new string('y', 100) + "\r\n"), limits: new SipLimits { MaxHeaderSectionBytes = 100 }).Reason);
    }

    [Theory]
    [InlineData("OPTIONS sip:b@example.com SIP/2.1\r\n", SipRejectReason.UnsupportedSipVersion)]
    [InlineData("OPTIONS  sip:b@example.com SIP/2.0\r\n", SipRejectReason.InvalidStartLine)]
    [InlineData("OPTIONS sip:b@example.com SIP/2.0 \r\n", SipRejectReason.InvalidStartLine)]
    [InlineData("OPTIONS <sip:b@example.com> SIP/2.0\r\n", SipRejectReason.InvalidRequestUri)]
    [InlineData("OPTIONS sip:b@example.com?x=y SIP/2.0\r\n", SipRejectReason.InvalidRequestUri)]
    [InlineData("OPT@IONS sip:b@example.com SIP/2.0\r\n", SipRejectReason.InvalidStartLine)]
    public void Bad_request_lines_are_rejected_with_a_salvage(string startLine, SipRejectReason reason)
    {
        var result = Parse(startLine + Headers + "\r\n");
        Assert.Equal(reason, result.Reason);
        Assert.NotNull(result.Salvage);
        Assert.Equal(new SipCSeq(1, "OPTIONS"), result.Salvage.CSeq);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("hello")]
    [InlineData("hello world\r\n\r\n")]
    public void Garbage_is_rejected_without_salvage(string text)
    {
        var result = Parse(text);
        Assert.False(result.IsOk);
        Assert.NotEqual(SipRejectReason.None, result.Reason);
        Assert.Null(result.Salvage);
    }

    [Theory]
    [InlineData("SIP/2.0 99 Odd\r\n")]
    [InlineData("SIP/2.0 700 Odd\r\n")]
    [InlineData("SIP/2.0 2000 Odd\r\n")]
    [InlineData("SIP/2.0 2x0 Odd\r\n")]
    public void Responses_with_bad_status_codes_are_dropped(string statusLine)
    {
        var result = Parse(statusLine + Headers + "\r\n");
        Assert.Equal(SipRejectReason.InvalidStatusCode, result.Reason);
        Assert.True(result.IsResponse);
        Assert.Null(result.Salvage);
    }

    [Fact]
    public void Responses_need_the_routing_headers_and_parse_with_typed_accessors()
    {
        var ok = Parse("SIP/2.0 180 Ringing\r\n" + Headers + "Content-Length: 0\r\n\r\n");
        var response = Assert.IsType<SipResponse>(ok.Message);
        Assert.Equal((180, "Ringing"), (response.StatusCode, response.ReasonPhrase));
        Assert.Same(SipStatusCodes.DefaultReason(180), response.ReasonPhrase);
        Assert.Equal("1", response.FromTag);
        Assert.Equal("z9hG4bK1", response.TopVia!.Branch);

        var missing = Parse("SIP/2.0 200 OK\r\n" + Headers.Replace("CSeq: 1 OPTIONS\r\n", "", StringComparison.Ordinal) + "\r\n");
        Assert.Equal((SipRejectReason.MissingRequiredHeader, HeaderId.CSeq, true), (missing.Reason, missing.Header, missing.IsResponse));
        Assert.Null(missing.Salvage);
    }

    [Fact]
    public void Typed_accessors_work_on_built_messages()
    {
        var request = new SipRequest(SipMethods.Bye, SipUri.Parse("sip:b@h"));
        request.Headers.Add(HeaderId.Via, new SipVia("UDP", "h", 5060) { Branch = "z9hG4bKx" }.ToString());
        request.Headers.Add(HeaderId.From, new SipNameAddress(SipUri.Parse("sip:a@h"), "A") { Tag = "t1" }.ToString());
        request.Headers.Add(HeaderId.To, "<sip:b@h>;tag=t2");
        request.Headers.Add(HeaderId.CallId, "cid");
        request.Headers.Add(HeaderId.CSeq, new SipCSeq(7, SipMethods.Bye).ToString());
        Assert.Equal("z9hG4bKx", request.TopVia!.Branch);
        Assert.Equal("t1", request.FromTag);
        Assert.Equal("t2", request.ToTag);
        Assert.Equal("cid", request.CallId);
        Assert.Equal(7u, request.CSeq!.Value.Number);
    }

    [Fact]
    public void Known_methods_are_interned_and_a_missing_header_terminator_on_a_stream_is_reported()
    {
        Assert.Same(SipMethods.Options, ((SipRequest)Parse(Options()).Message!).Method);
        var truncated = Parse("OPTIONS sip:b@example.com SIP/2.0\r\n" + Headers + "Content-Length: 0", isStream: true);
        Assert.Equal(SipRejectReason.MissingHeaderTerminator, truncated.Reason);
        var noEmptyLine = Parse("OPTIONS sip:b@example.com SIP/2.0\r\n" + Headers + "Content-Length: 0\r\n", isStream: true);
        Assert.Equal(SipRejectReason.MissingHeaderTerminator, noEmptyLine.Reason);
        Assert.True(Parse("OPTIONS sip:b@example.com SIP/2.0\r\n" + Headers, isStream: false).IsOk);
    }
}
