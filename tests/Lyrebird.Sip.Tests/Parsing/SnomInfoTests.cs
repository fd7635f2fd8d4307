using System.Text;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Tests.Parsing;

public sealed class SnomInfoTests
{
    internal const string SnomInfo =
        "INFO sip:201@192.168.1.10;user=phone;transport=udp SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-vvl5yi9din2e;rport\r\n" +
        "From: \"203\" <sip:203@192.168.1.10>;tag=maucp6e5al\r\n" +
        "To: <sip:201@192.168.1.10;user=phone>;tag=410604c3-13da-4e4d147e-77857ce4-24cd5625\r\n" +
        "Call-ID: 3c27e4f964fc-rfpqj02z0pjk\r\n" +
        "CSeq: 2 INFO\r\n" +
        "Max-Forwards: 70\r\n" +
        "Contact: <sip:203@192.168.1.23:5060;line=aho1nwcf>;reg-id=1\r\n" +
        "User-Agent: snom320/8.4.31\r\n" +
        "Record: on\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    [Fact]
    public void The_snom_record_INFO_parses_with_every_field()
    {
        var result = SipMessageParser.Parse(Encoding.ASCII.GetBytes(SnomInfo), SipLimits.Default);

        var m = Assert.IsType<SipRequest>(result.Message);
        Assert.Same(SipMethods.Info, m.Method);
        Assert.Equal(SipMethodKind.Info, m.MethodKind);
        Assert.Equal("sip", m.RequestUri.Scheme);
        Assert.Equal("201", m.RequestUri.User);
        Assert.Equal("192.168.1.10", m.RequestUri.Host);
        Assert.Null(m.RequestUri.Port);
        Assert.Equal("phone", m.RequestUri.UserParameter);
        Assert.Equal("udp", m.RequestUri.Transport);

        var via = m.TopVia!;
        Assert.Equal(("UDP", "192.168.1.23", 5060), (via.Transport, via.Host, via.Port));
        Assert.Equal("z9hG4bK-vvl5yi9din2e", via.Branch);
        Assert.True(via.HasRPort);
        Assert.True(via.IsRfc3261Branch);

        Assert.Equal("203", m.From!.DisplayName);
        Assert.Equal("sip:203@192.168.1.10", m.From.Uri.ToString());
        Assert.Equal("maucp6e5al", m.FromTag);
        Assert.Null(m.To!.DisplayName);
        Assert.Equal("sip:201@192.168.1.10;user=phone", m.To.Uri.ToString());
        Assert.Equal("410604c3-13da-4e4d147e-77857ce4-24cd5625", m.ToTag);
        Assert.Equal("3c27e4f964fc-rfpqj02z0pjk", m.CallId);
        Assert.Equal(new SipCSeq(2, SipMethods.Info), m.CSeq);
        Assert.Equal(70, m.MaxForwards);

        Assert.True(SipNameAddress.TryParse(m.Headers.GetFirstValue(HeaderId.Contact)!, out var contact));
        Assert.Equal("203", contact.Uri.User);
        Assert.Equal("192.168.1.23", contact.Uri.Host);
        Assert.Equal(5060, contact.Uri.Port);
        Assert.Equal("aho1nwcf", contact.Uri.Parameters["line"]);
        Assert.Equal("1", contact.Parameters["reg-id"]);

        Assert.Equal("snom320/8.4.31", m.Headers.GetFirstValue(HeaderId.UserAgent));
        Assert.Equal("on", m.Headers.GetFirstValue(HeaderId.Record));
        Assert.Equal("0", m.Headers.GetFirstValue(HeaderId.ContentLength));
        Assert.Equal(10, m.Headers.Count);
        Assert.True(m.Body.IsEmpty);
    }
}
