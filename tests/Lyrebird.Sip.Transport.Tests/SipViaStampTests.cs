using System.Net;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Transport.Tests;

public sealed class SipViaStampTests
{
    private static SipRequest RequestWithVia(string via)
    {
        var request = new SipRequest("OPTIONS", SipUri.Parse("sip:bob@example.com"));
        request.Headers.Add(HeaderId.Via, via);
        request.Headers.Add(HeaderId.Via, "SIP/2.0/UDP proxy.example.com;branch=z9hG4bKsecond");
        return request;
    }

    private static SipVia Top(SipRequest request) => request.TopVia!;

    [Fact]
    public void Adds_received_when_the_sent_by_host_is_a_name_RFC3261_18_2_1()
    {
        var request = RequestWithVia("SIP/2.0/UDP phone.example.com:5070;branch=z9hG4bK1");
        Assert.True(SipViaStamp.Apply(request, new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40000)));

        Assert.Equal("192.0.2.7", Top(request).Received);
        Assert.False(Top(request).HasRPort);
        Assert.Equal("z9hG4bK1", Top(request).Branch);
        Assert.Equal(2, request.Headers.CountOf(HeaderId.Via));
        Assert.Equal("SIP/2.0/UDP proxy.example.com;branch=z9hG4bKsecond", request.Headers.GetAll(HeaderId.Via).Last().Value);
    }

    [Fact]
    public void Leaves_the_Via_alone_when_sent_by_is_the_source_address_and_there_is_no_rport()
    {
        const string via = "SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK1";
        var request = RequestWithVia(via);

        Assert.False(SipViaStamp.Apply(request, new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40000)));
        Assert.Equal(via, request.Headers.GetFirstValue(HeaderId.Via));
    }

    [Fact]
    public void Fills_an_empty_rport_and_adds_received_even_when_equal_RFC3581_4()
    {
        var request = RequestWithVia("SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK1;rport");
        Assert.True(SipViaStamp.Apply(request, new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40000)));

        Assert.Equal(40000, Top(request).RPort);
        Assert.Equal("192.0.2.7", Top(request).Received);
    }

    [Fact]
    public void Does_not_overwrite_an_rport_that_already_has_a_value()
    {
        var request = RequestWithVia("SIP/2.0/UDP 192.0.2.7:5070;branch=z9hG4bK1;rport=1234");
        SipViaStamp.Apply(request, new IPEndPoint(IPAddress.Parse("192.0.2.7"), 40000));

        Assert.Equal(1234, Top(request).RPort);
    }

    [Fact]
    public void Writes_an_IPv6_received_without_brackets_RFC5118_4_5()
    {
        var request = RequestWithVia("SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK1;rport");
        SipViaStamp.Apply(request, new IPEndPoint(IPAddress.Parse("2001:db8::9"), 40000));

        Assert.Equal("2001:db8::9", Top(request).Received);
        Assert.Equal(40000, Top(request).RPort);
    }

    [Fact]
    public void Treats_a_bracketed_IPv6_sent_by_equal_to_the_source_as_the_same_address()
    {
        var request = RequestWithVia("SIP/2.0/UDP [::1]:5070;branch=z9hG4bK1");

        Assert.False(SipViaStamp.Apply(request, new IPEndPoint(IPAddress.IPv6Loopback, 40000)));
        Assert.Null(Top(request).Received);
    }

    [Fact]
    public void Compares_an_IPv4_mapped_source_as_IPv4()
    {
        var request = RequestWithVia("SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK1");

        Assert.False(SipViaStamp.Apply(request, new IPEndPoint(IPAddress.Parse("192.0.2.7").MapToIPv6(), 40000)));
    }

    [Fact]
    public void Does_nothing_without_a_Via()
    {
        var request = new SipRequest("OPTIONS", SipUri.Parse("sip:bob@example.com"));

        Assert.False(SipViaStamp.Apply(request, new IPEndPoint(IPAddress.Loopback, 1)));
        Assert.Empty(request.Headers);
    }
}
