using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Tests.Headers;

public sealed class SipViaTests
{
    [Fact]
    public void Parses_a_snom_via_with_rport()
    {
        Assert.True(SipVia.TryParse("SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-vvl5yi9din2e;rport", out var via));
        Assert.Equal("SIP/2.0", via.Protocol);
        Assert.Equal("UDP", via.Transport);
        Assert.Equal("192.168.1.23", via.Host);
        Assert.Equal(5060, via.Port);
        Assert.Equal("z9hG4bK-vvl5yi9din2e", via.Branch);
        Assert.True(via.HasRPort);
        Assert.Null(via.RPort);
        Assert.True(via.IsRfc3261Branch);
        Assert.Equal("SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-vvl5yi9din2e;rport", via.ToString());
    }

    [Fact]
    public void Parses_received_and_filled_rport()
    {
        Assert.True(SipVia.TryParse("SIP/2.0/tcp pc33.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5062", out var via));
        Assert.Equal("TCP", via.Transport);
        Assert.Null(via.Port);
        Assert.Equal("192.0.2.1", via.Received);
        Assert.Equal(5062, via.RPort);
    }

    [Fact]
    public void Tolerates_lws_around_slashes_colon_and_semicolons()
    {
        Assert.True(SipVia.TryParse("SIP  /   2.0 /UDP    192.0.2.2 : 5070  ;  branch  =   z9hG4bK9ikj8 ; rport", out var via));
        Assert.Equal("UDP", via.Transport);
        Assert.Equal("192.0.2.2", via.Host);
        Assert.Equal(5070, via.Port);
        Assert.Equal("z9hG4bK9ikj8", via.Branch);
        Assert.Equal("SIP/2.0/UDP 192.0.2.2:5070;branch=z9hG4bK9ikj8;rport", via.ToString());
    }

    [Theory]
    [InlineData("SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111", "[2001:db8::9:1]", null, "[2001:db8::9:255]")] // RFC 5118 §4.5
    [InlineData("SIP/2.0/UDP [2001:db8::9:1]:5060;received=2001:db8::9:255;branch=z9hG4bKas3", "[2001:db8::9:1]", 5060, "2001:db8::9:255")] // §4.6
    public void Parses_IPv6_sent_by_and_received(string text, string host, int? port, string received)
    {
        Assert.True(SipVia.TryParse(text, out var via));
        Assert.Equal(host, via.Host);
        Assert.Equal(port, via.Port);
        Assert.Equal(received, via.Received);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.15;;,;,,")]
    [InlineData("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0 192.0.2.1")]
    [InlineData("SIP/2.0/UDP 2001:db8::1")]
    [InlineData("SIP/2.0/UDP host:99999")]
    [InlineData("SIP/2.0/UDP host;rport=x")]
    [InlineData("")]
    public void Rejects_malformed_values(string text) => Assert.False(SipVia.TryParse(text, out _));

    [Fact]
    public void Clone_is_deep()
    {
        var via = new SipVia("UDP", "10.0.0.1", 5060) { Branch = "z9hG4bKabc" };
        var copy = via.Clone();
        copy.Parameters.Set("received", "1.2.3.4");
        Assert.Null(via.Received);
        Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKabc;received=1.2.3.4", copy.ToString());
    }
}
