using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Tests.Parsing;

/// <summary>RFC 5118 §4 IPv6 torture messages (TestData/Rfc5118, written from the RFC text).</summary>
public sealed class Rfc5118Ipv6Tests
{
    private static SipRequest Parse(string name)
    {
        var result = SipMessageParser.Parse(TestData.Rfc5118(name), SipLimits.Default);
        Assert.True(result.IsOk, result.ToString());
        return Assert.IsType<SipRequest>(result.Message);
    }

    [Fact]
    public void Ipv6_good_parses_the_bracketed_request_uri_and_contact()
    {
        var m = Parse("ipv6-good");
        Assert.Equal("[2001:db8::10]", m.RequestUri.Host);
        Assert.Equal("[2001:db8::9:1]", m.TopVia!.Host);
        Assert.True(SipNameAddress.TryParse(m.Headers.GetFirstValue(HeaderId.Contact)!, out var contact));
        Assert.Equal("[2001:db8::1]", contact.Uri.Host);
    }

    [Fact]
    public void Ipv6_bad_is_rejected_with_bad_request_uri()
    {
        var result = SipMessageParser.Parse(TestData.Rfc5118("ipv6-bad"), SipLimits.Default);
        Assert.Equal(SipRejectReason.InvalidRequestUri, result.Reason);
        Assert.NotNull(result.Salvage);
    }

    [Fact]
    public void Port_ambiguous_reads_the_whole_bracket_as_the_address()
    {
        var m = Parse("port-ambiguous");
        Assert.Equal("[2001:db8::10:5070]", m.RequestUri.Host);
        Assert.Null(m.RequestUri.Port);
    }

    [Fact]
    public void Port_unambiguous_reads_the_port_after_the_bracket()
    {
        var m = Parse("port-unambiguous");
        Assert.Equal("[2001:db8::10]", m.RequestUri.Host);
        Assert.Equal(5070, m.RequestUri.Port);
    }

    [Theory]
    [InlineData("via-received-param-with-delim", "[2001:db8::9:255]")]
    [InlineData("via-received-param-no-delim", "2001:db8::9:255")]
    public void Via_received_is_accepted_with_or_without_brackets(string name, string received) =>
        Assert.Equal(received, Parse(name).TopVia!.Received);

    [Fact]
    public void Ipv4_mapped_addresses_parse_in_via_and_contact()
    {
        var m = Parse("ipv4-mapped");
        Assert.Equal("[::ffff:192.0.2.10]", m.TopVia!.Host);
        Assert.Equal(19823, m.TopVia.Port);
        Assert.Equal(2, m.Headers.CountOf(HeaderId.Via));
        Assert.Equal("application/sdp", m.Headers.GetFirstValue(HeaderId.ContentType));
        Assert.StartsWith("v=0", System.Text.Encoding.ASCII.GetString(m.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_compatible_address_parses() => Assert.Equal("[::192.0.2.30]", Parse("ipv6-compatible").RequestUri.Host);

    [Fact]
    public void Unbracketed_ipv6_sent_by_is_rejected_without_salvage()
    {
        var result = SipMessageParser.Parse(TestData.Rfc5118("via-sent-by-unbracketed"), SipLimits.Default);
        Assert.Equal(SipRejectReason.MalformedHeaderValue, result.Reason);
        Assert.Equal(HeaderId.Via, result.Header);
        Assert.Null(result.Salvage);
    }
}
