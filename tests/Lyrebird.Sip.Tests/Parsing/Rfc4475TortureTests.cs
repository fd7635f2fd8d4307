using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Tests.Parsing;

/// <summary>
/// Every RFC 4475 §3 vector, parsed as a UDP datagram, with the outcome we promise at the PARSER level.
/// docs/rfc4475-outcomes.md gives the reason for each row. Vectors whose final answer is decided above the parser
/// parse OK here; the comment names the status the UA layer gives.
/// </summary>
public sealed class Rfc4475TortureTests
{
    private static readonly Rfc4475Outcome Accepted = Rfc4475Outcome.Accepted;

    private static readonly Dictionary<string, Rfc4475Outcome> Expected = new()
    {
        // §3.1.1 valid messages
        ["wsinv"] = Accepted,
        ["intmeth"] = Accepted, // UA layer: 501 Not Implemented + Allow
        ["esc01"] = Accepted,
        ["escnull"] = Accepted,
        ["esc02"] = Accepted, // UA layer: 501 (the method is RE%47IST%45R, not REGISTER)
        ["lwsdisp"] = Accepted,
        ["longreq"] = Accepted,
        ["dblreq"] = Accepted, // the INVITE after Content-Length is ignored
        ["semiuri"] = Accepted,
        ["transports"] = Accepted,
        ["mpart01"] = Accepted, // UA layer: MESSAGE policy (405/501)
        ["unreason"] = Accepted,
        ["noreason"] = Accepted,

        // §3.1.2 invalid messages
        ["badinv01"] = Rfc4475Outcome.Rejected(SipRejectReason.MalformedHeaderValue, HeaderId.Via),
        ["clerr"] = Rfc4475Outcome.Rejected(SipRejectReason.ContentLengthExceedsDatagram, HeaderId.ContentLength),
        ["scalar02"] = Rfc4475Outcome.Rejected(SipRejectReason.ValueOutOfRange, HeaderId.CSeq),
        ["scalarlg"] = Rfc4475Outcome.DroppedResponse(SipRejectReason.ValueOutOfRange, HeaderId.CSeq),
        ["quotbal"] = Rfc4475Outcome.Rejected(SipRejectReason.MalformedHeaderValue, HeaderId.To),
        ["ltgtruri"] = Rfc4475Outcome.Rejected(SipRejectReason.InvalidRequestUri),
        ["lwsruri"] = Rfc4475Outcome.Rejected(SipRejectReason.InvalidRequestUri),
        ["lwsstart"] = Rfc4475Outcome.Rejected(SipRejectReason.InvalidStartLine),
        ["trws"] = Rfc4475Outcome.Rejected(SipRejectReason.InvalidStartLine),
        ["escruri"] = Rfc4475Outcome.Rejected(SipRejectReason.InvalidRequestUri),
        ["baddate"] = Accepted, // Date is not used
        ["regbadct"] = Rfc4475Outcome.Rejected(SipRejectReason.MalformedHeaderValue, HeaderId.Contact),
        ["badaspec"] = Rfc4475Outcome.Rejected(SipRejectReason.MalformedHeaderValue, HeaderId.To),
        ["baddn"] = Rfc4475Outcome.Rejected(SipRejectReason.MalformedHeaderValue, HeaderId.From),
        ["badvers"] = Rfc4475Outcome.Rejected(SipRejectReason.UnsupportedSipVersion),
        ["mismatch01"] = Rfc4475Outcome.Rejected(SipRejectReason.CSeqMethodMismatch, HeaderId.CSeq),
        ["mismatch02"] = Accepted, // UA layer: 501 (unknown method NEWMETHOD; the RFC prefers 501 over 400)
        ["bigcode"] = Rfc4475Outcome.DroppedResponse(SipRejectReason.InvalidStatusCode),
        ["badbranch"] = Rfc4475Outcome.Rejected(SipRejectReason.MalformedHeaderValue, HeaderId.Via),
        ["insuf"] = Rfc4475Outcome.Rejected(SipRejectReason.MissingRequiredHeader, HeaderId.From),
        ["ncl"] = Rfc4475Outcome.Rejected(SipRejectReason.InvalidContentLength, HeaderId.ContentLength),
        ["multi01"] = Rfc4475Outcome.Rejected(SipRejectReason.DuplicateSingletonHeader, HeaderId.CSeq),
        ["mcl01"] = Rfc4475Outcome.Rejected(SipRejectReason.DuplicateSingletonHeader, HeaderId.ContentLength),
        ["bcast"] = Accepted, // a response; the second Via's broadcast sent-by is never used to send
        ["zeromf"] = Accepted, // UA layer: OPTIONS answered locally (200); 483 only when forwarding

        // §3.2 transaction layer, §3.3 application layer, §3.4 backward compatibility
        ["cparam01"] = Accepted,
        ["cparam02"] = Accepted,
        ["regescrt"] = Accepted, // escaped Route header inside a bracketed Contact URI is legal
        ["unkscm"] = Accepted, // UA layer: 416 Unsupported URI Scheme
        ["novelsc"] = Accepted, // UA layer: 416
        ["unksm2"] = Accepted, // registrar: 400 (To is not a SIP/SIPS URI)
        ["bext01"] = Accepted, // UA layer: 420 Bad Extension + Unsupported
        ["invut"] = Accepted, // UA layer: 415 Unsupported Media Type + Accept
        ["regaut01"] = Accepted, // registrar: 401 with a Digest challenge (unknown scheme = no credentials)
        ["sdp01"] = Accepted, // UA layer: 406 (Accept excludes application/sdp)
        ["inv2543"] = Accepted, // RFC 2543 request: no branch cookie, no Max-Forwards, no Content-Length
    };

    public static TheoryData<string> Vectors => new(Expected.Keys);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_gets_the_outcome_we_promise(string name)
    {
        var result = SipMessageParser.Parse(TestData.Rfc4475(name), SipLimits.Default, isStream: false);
        Assert.Equal(Expected[name], Rfc4475Outcome.Of(result));
    }

    [Fact]
    public void Every_vector_file_has_an_expected_outcome() =>
        Assert.Equal(TestData.Rfc4475Names().Order(StringComparer.Ordinal), Expected.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Rejected_requests_carry_a_salvage_only_when_their_via_is_usable(string name)
    {
        var result = SipMessageParser.Parse(TestData.Rfc4475(name), SipLimits.Default);
        if (result.IsOk || result.IsResponse)
        {
            Assert.Null(result.Salvage);
            return;
        }

        var salvage = Assert.IsType<SipRequest>(result.Salvage);
        Assert.NotNull(salvage.TopVia is null ? salvage.Headers.GetFirstValue(HeaderId.Via) : salvage.TopVia.Host);
    }

    private static SipRequest Request(string name) =>
        Assert.IsType<SipRequest>(SipMessageParser.Parse(TestData.Rfc4475(name), SipLimits.Default).Message);

    [Fact]
    public void Wsinv_fields_are_read_through_folding_compact_forms_and_odd_whitespace()
    {
        var m = Request("wsinv");
        Assert.Equal("INVITE", m.Method);
        Assert.Equal("sip:vivekg@chair-dnrc.example.com;unknownparam", m.RequestUri.ToString());
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal(new SipCSeq(9, "INVITE"), m.CSeq);
        Assert.Equal("1918181833n", m.ToTag);
        Assert.Equal("98asjd8", m.FromTag);
        Assert.Equal("J Rosenberg \\\"", m.From!.DisplayName);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", m.CallId);
        var vias = m.Headers.GetAll(HeaderId.Via).Select(h => SipVia.TryParse(h.RawValue.Span, out var v) ? v : null).ToList();
        Assert.Equal(3, vias.Count);
        Assert.Equal(("UDP", "192.0.2.2", "390skdjuw"), (vias[0]!.Transport, vias[0]!.Host, vias[0]!.Branch));
        Assert.Equal(("TCP", "spindle.example.com", "z9hG4bK9ikj8"), (vias[1]!.Transport, vias[1]!.Host, vias[1]!.Branch));
        Assert.Equal(("UDP", "192.168.255.111", "z9hG4bK30239"), (vias[2]!.Transport, vias[2]!.Host, vias[2]!.Branch));
        Assert.Equal("", m.Headers.GetFirstValue(HeaderId.Subject));
        Assert.Equal("newfangled value continued newfangled value", m.Headers.GetFirstValue("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", m.Headers.GetFirstValue("UnknownHeaderWithUnusualValue"));
        Assert.Equal("<sip:services.example.com;lr;unknownwith=value;unknown-no-value>", m.Headers.GetFirstValue(HeaderId.Route));
        Assert.True(SipNameAddress.TryParse(m.Headers.GetFirstValue(HeaderId.Contact)!, out var contact));
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters["newparam"]);
        Assert.True(contact.Parameters.Contains("secondparam"));
        Assert.Equal("0.33", contact.Parameters["q"]);
        Assert.Equal(150, m.Body.Length);
    }

    [Fact]
    public void Dblreq_keeps_only_the_register()
    {
        var m = Request("dblreq");
        Assert.Equal("REGISTER", m.Method);
        Assert.Equal(0, m.Body.Length);
        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.CallId);
    }

    [Fact]
    public void Esc01_keeps_escapes_as_written()
    {
        var m = Request("esc01");
        Assert.Equal("sips%3Auser%40example.com", m.RequestUri.User);
        Assert.Equal("%75se%72", m.To!.Uri.User);
        Assert.True(SipNameAddress.TryParse(m.Headers.GetFirstValue(HeaderId.Contact)!, out var contact));
        Assert.Equal("v%61lue%25%34%31", contact.Uri.Parameters["n%61me"]);
    }

    [Fact]
    public void Escnull_does_not_truncate_the_user_at_the_escaped_nul()
    {
        var m = Request("escnull");
        Assert.Equal("null-%00-null", m.To!.Uri.User);
    }

    [Fact]
    public void Intmeth_keeps_the_unusual_method_and_uri()
    {
        var m = Request("intmeth");
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
        Assert.Equal(SipMethodKind.Unknown, m.MethodKind);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", m.RequestUri.Password);
        Assert.Equal(m.Method, m.CSeq!.Value.Method);
        Assert.Equal("token1~` token2'+_ token3*%!.-", m.From!.DisplayName);
    }

    [Fact]
    public void Semiuri_and_transports_and_unusual_schemes_parse()
    {
        Assert.Equal("user;par=u%40example.net", Request("semiuri").RequestUri.User);
        Assert.Equal(6, Request("semiuri").Headers.CountOf(HeaderId.Accept));
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"],
            Request("transports").Headers.GetAll(HeaderId.Via).Select(h => SipVia.TryParse(h.RawValue.Span, out var v) ? v.Transport : "?"));
        Assert.Equal("nobodyknowsthisscheme", Request("unkscm").RequestUri.Scheme.ToLowerInvariant());
        Assert.False(Request("novelsc").RequestUri.IsSip);
        Assert.Equal("isbn", Request("unksm2").To!.Uri.Scheme);
    }

    [Fact]
    public void Responses_with_odd_reason_phrases_parse()
    {
        var noreason = Assert.IsType<SipResponse>(SipMessageParser.Parse(TestData.Rfc4475("noreason"), SipLimits.Default).Message);
        Assert.Equal(100, noreason.StatusCode);
        Assert.Equal("", noreason.ReasonPhrase);
        var unreason = Assert.IsType<SipResponse>(SipMessageParser.Parse(TestData.Rfc4475("unreason"), SipLimits.Default).Message);
        Assert.Equal(200, unreason.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", unreason.ReasonPhrase);
    }

    [Fact]
    public void Inv2543_has_its_body_up_to_the_end_of_the_datagram()
    {
        var m = Request("inv2543");
        Assert.False(m.TopVia!.IsRfc3261Branch);
        Assert.Null(m.MaxForwards);
        Assert.StartsWith("v=0", System.Text.Encoding.ASCII.GetString(m.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Insuf_salvage_copies_the_via_and_cseq_that_are_there()
    {
        var result = SipMessageParser.Parse(TestData.Rfc4475("insuf"), SipLimits.Default);
        Assert.Equal("INVITE", result.Salvage!.Method);
        Assert.Equal("z9hG4bKkdj.insuf", result.Salvage.TopVia!.Branch);
        Assert.Equal(new SipCSeq(193942, "INVITE"), result.Salvage.CSeq);
        Assert.Null(result.Salvage.CallId);
    }
}
