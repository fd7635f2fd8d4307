using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Tests.Uris;

public sealed class SipUriTests
{
    [Fact]
    public void Parses_user_host_port_and_parameters_of_a_snom_contact()
    {
        Assert.True(SipUri.TryParse("sip:203@192.168.1.23:5060;line=aho1nwcf", out var uri));
        Assert.Equal("sip", uri.Scheme);
        Assert.Equal("203", uri.User);
        Assert.Equal("192.168.1.23", uri.Host);
        Assert.Equal(5060, uri.Port);
        Assert.Equal("aho1nwcf", uri.Parameters["line"]);
    }

    [Fact]
    public void Parses_user_phone_transport_and_lr()
    {
        Assert.True(SipUri.TryParse("SIP:201@192.168.1.10;user=phone;transport=udp;lr", out var uri));
        Assert.Equal("sip", uri.Scheme);
        Assert.Equal("phone", uri.UserParameter);
        Assert.Equal("udp", uri.Transport);
        Assert.True(uri.LooseRouting);
        Assert.Null(uri.Parameters["lr"]);
        Assert.Equal("sip:201@192.168.1.10;user=phone;transport=udp;lr", uri.ToString());
    }

    [Fact]
    public void Parses_sips_with_password_and_headers()
    {
        Assert.True(SipUri.TryParse("sips:alice:secret@example.com?subject=project%20x&priority=urgent", out var uri));
        Assert.Equal("sips", uri.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Null(uri.Port);
        Assert.Equal("subject=project%20x&priority=urgent", uri.Headers);
        Assert.Equal("sips:alice:secret@example.com?subject=project%20x&priority=urgent", uri.ToString());
    }

    [Theory]
    [InlineData("sip:[2001:db8::10]", "[2001:db8::10]", null)]
    [InlineData("sip:[2001:db8::10]:5070", "[2001:db8::10]", 5070)]
    [InlineData("sip:[2001:db8::10:5070]", "[2001:db8::10:5070]", null)] // RFC 5118 §4.3: the whole thing is the address
    [InlineData("sip:user@[::ffff:192.0.2.10]", "[::ffff:192.0.2.10]", null)] // RFC 5118 §4.7
    [InlineData("sip:[::192.0.2.30]:5060", "[::192.0.2.30]", 5060)] // RFC 5118 §4.8
    public void Parses_IPv6_references_per_RFC_5118(string text, string host, int? port)
    {
        Assert.True(SipUri.TryParse(text, out var uri));
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.Equal(text, uri.ToString());
    }

    [Theory]
    [InlineData("sip:2001:db8::10")] // RFC 5118 §4.2: IPv6 without brackets
    [InlineData("sip:[2001:db8::10")]
    [InlineData("sip:[fe80::1%eth0]")]
    [InlineData("sip:user@example.com; lr")]
    [InlineData("<sip:user@example.com>")]
    [InlineData("sip:")]
    [InlineData("sip:@example.com")]
    [InlineData("sip:user@example.com:70000")]
    [InlineData("sip:user@example.com;=x")]
    [InlineData("sip:user@example.com;a=")]
    [InlineData("sip:us%zzer@example.com")]
    [InlineData("1sip:x")]
    [InlineData("")]
    public void Rejects_malformed_uris(string text) => Assert.False(SipUri.TryParse(text, out _));

    [Fact]
    public void Keeps_escapes_as_written()
    {
        Assert.True(SipUri.TryParse("sip:null-%00-null@example.com;%6C%72", out var uri));
        Assert.Equal("null-%00-null", uri.User);
        Assert.True(uri.Parameters.Contains("%6C%72"));
        Assert.Equal("sip:null-%00-null@example.com;%6C%72", uri.ToString());
    }

    [Fact]
    public void Parses_a_semicolon_in_the_user_part()
    {
        Assert.True(SipUri.TryParse("sip:user;par=u%40example.net@example.com", out var uri));
        Assert.Equal("user;par=u%40example.net", uri.User);
        Assert.Equal("example.com", uri.Host);
        Assert.Empty(uri.Parameters);
    }

    [Fact]
    public void Parses_tel_uris_with_parameters()
    {
        Assert.True(SipUri.TryParse("tel:+1-201-555-0123;phone-context=example.com", out var uri));
        Assert.Equal("tel", uri.Scheme);
        Assert.Equal("+1-201-555-0123", uri.User);
        Assert.Equal("example.com", uri.Parameters["phone-context"]);
        Assert.Equal("tel:+1-201-555-0123;phone-context=example.com", uri.ToString());
    }

    [Fact]
    public void Parses_other_schemes_as_opaque()
    {
        Assert.True(SipUri.TryParse("soap.beep://192.0.2.103:3002", out var uri));
        Assert.Equal("soap.beep", uri.Scheme);
        Assert.Equal("//192.0.2.103:3002", uri.Opaque);
        Assert.False(uri.IsSip);
        Assert.Equal("soap.beep://192.0.2.103:3002", uri.ToString());
    }

    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    public void Equivalent_uris_of_RFC_3261_19_1_4_match(string a, string b) =>
        Assert.True(SipUri.Parse(a).Matches(SipUri.Parse(b)));

    [Theory]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    [InlineData("sip:bob@biloxi.com", "sips:bob@biloxi.com")]
    public void Different_uris_of_RFC_3261_19_1_4_do_not_match(string a, string b) =>
        Assert.False(SipUri.Parse(a).Matches(SipUri.Parse(b)));

    [Fact]
    public void Clone_is_deep()
    {
        var uri = SipUri.Parse("sip:a@b;lr");
        var copy = uri.Clone();
        copy.Parameters.Set("transport", "tcp");
        copy.Host = "c";
        Assert.Equal("sip:a@b;lr", uri.ToString());
        Assert.Equal("sip:a@c;lr;transport=tcp", copy.ToString());
    }
}
