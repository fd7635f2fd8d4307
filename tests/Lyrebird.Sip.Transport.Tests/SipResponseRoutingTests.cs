using System.Net;
using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Transport.Tests;

public sealed class SipResponseRoutingTests
{
    private static readonly IPEndPoint Source = new(IPAddress.Parse("198.51.100.1"), 40000);

    private static SipVia Via(string text) => SipVia.TryParse(text, out var via) ? via : throw new InvalidOperationException(text);

    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK1;rport=41000;received=203.0.113.9", "203.0.113.9:41000")] // RFC 3581 §4
    [InlineData("SIP/2.0/UDP phone.example.com:5070;branch=z9hG4bK1;received=203.0.113.9", "203.0.113.9:5070")]      // §18.2.2 received + sent-by port
    [InlineData("SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK1", "192.0.2.7:5070")]                                     // sent-by
    [InlineData("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK1", "192.0.2.7:5060")]                                          // default port
    [InlineData("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK1;maddr=239.1.1.1", "192.0.2.7:5060")]                           // maddr ignored
    [InlineData("SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK1;rport=41000;received=2001:db8::9", "[2001:db8::9]:41000")]
    public void Unreliable_responses_go_to_received_and_rport_else_sent_by(string via, string expected)
    {
        Assert.Equal(IPEndPoint.Parse(expected), SipResponseRouting.Unreliable(Via(via), Source));
    }

    [Theory]
    [InlineData("SIP/2.0/TCP 192.0.2.7:5070;branch=z9hG4bK1;rport=41000;received=203.0.113.9", "203.0.113.9:5070")]
    [InlineData("SIP/2.0/TCP 192.0.2.7;branch=z9hG4bK1", "192.0.2.7:5060")]
    public void Reliable_responses_without_the_connection_go_to_received_and_the_sent_by_port(string via, string expected)
    {
        Assert.Equal(IPEndPoint.Parse(expected), SipResponseRouting.Reliable(Via(via), Source));
    }

    [Fact]
    public void A_host_name_without_received_has_no_route()
    {
        Assert.Null(SipResponseRouting.Unreliable(Via("SIP/2.0/UDP phone.example.com;branch=z9hG4bK1"), Source));
    }

    [Fact]
    public void Without_a_parsable_Via_the_response_goes_to_the_request_source()
    {
        Assert.Equal(Source, SipResponseRouting.Unreliable(null, Source));
        Assert.Equal(Source, SipResponseRouting.Reliable(null, Source));
    }
}
