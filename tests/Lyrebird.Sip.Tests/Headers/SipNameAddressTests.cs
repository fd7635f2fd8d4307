using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Tests.Headers;

public sealed class SipNameAddressTests
{
    [Fact]
    public void Parses_a_quoted_display_name_and_tag()
    {
        Assert.True(SipNameAddress.TryParse("\"203\" <sip:203@192.168.1.10>;tag=maucp6e5al", out var na));
        Assert.Equal("203", na.DisplayName);
        Assert.Equal("sip:203@192.168.1.10", na.Uri.ToString());
        Assert.Equal("maucp6e5al", na.Tag);
        Assert.Equal("\"203\" <sip:203@192.168.1.10>;tag=maucp6e5al", na.ToString());
    }

    [Fact]
    public void Unescapes_quoted_pairs_in_display_names_and_escapes_them_again()
    {
        Assert.True(SipNameAddress.TryParse("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>", out var na));
        Assert.Equal("J Rosenberg \\\"", na.DisplayName);
        Assert.Equal("\"J Rosenberg \\\\\\\"\" <sip:jdrosen@example.com>", na.ToString());
    }

    [Fact]
    public void Parses_token_display_names_with_or_without_space_before_the_bracket()
    {
        Assert.True(SipNameAddress.TryParse("caller<sip:caller@example.com>;tag=323", out var a));
        Assert.Equal("caller", a.DisplayName);
        Assert.True(SipNameAddress.TryParse("John   Doe <sip:j@example.com>", out var b));
        Assert.Equal("John Doe", b.DisplayName);
        Assert.Equal("\"John Doe\" <sip:j@example.com>", b.ToString());
    }

    [Fact]
    public void Parameters_after_an_addr_spec_belong_to_the_header()
    {
        Assert.True(SipNameAddress.TryParse("sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n", out var na));
        Assert.Null(na.DisplayName);
        Assert.Empty(na.Uri.Parameters);
        Assert.Equal("1918181833n", na.Tag);
        Assert.Equal("<sip:vivekg@chair-dnrc.example.com>;tag=1918181833n", na.ToString());
    }

    [Fact]
    public void Parses_contact_parameters_of_a_registration()
    {
        const string text = "<sip:203@192.168.1.23:5060;line=aho1nwcf>;reg-id=1;q=0.5;expires=3600;+sip.instance=\"<urn:uuid:0a1b2c3d-0000-1000-8000-000413410b2c>\"";
        Assert.True(SipNameAddress.TryParse(text, out var na));
        Assert.Equal("aho1nwcf", na.Uri.Parameters["line"]);
        Assert.Equal("1", na.Parameters["reg-id"]);
        Assert.Equal("0.5", na.Parameters["q"]);
        Assert.Equal("3600", na.Parameters["expires"]);
        Assert.Equal("\"<urn:uuid:0a1b2c3d-0000-1000-8000-000413410b2c>\"", na.Parameters["+sip.instance"]);
        Assert.Equal(text, na.ToString());
    }

    [Fact]
    public void Parses_the_wildcard_contact()
    {
        Assert.True(SipNameAddress.TryParse(" * ", out var na));
        Assert.True(na.IsWildcard);
        Assert.Equal("*", na.ToString());
    }

    [Theory]
    [InlineData("Bell, Alexander <sip:a.g.bell@example.com>;tag=43")] // RFC 4475 baddn
    [InlineData("\"Watson, Thomas\" < sip:t.watson@example.org >")] // badaspec
    [InlineData("\"Mr. J. User <sip:j.user@example.com>")] // quotbal
    [InlineData("sip:user@example.com?Route=%3Csip:sip.example.com%3E")] // regbadct
    [InlineData("\"Joe\" <sip:joe@example.org>;;;;")] // badinv01
    [InlineData("<sip:a@b")]
    [InlineData("")]
    [InlineData("<sip:a@b>;tag=")]
    public void Rejects_malformed_values(string text) => Assert.False(SipNameAddress.TryParse(text, out _));

    [Fact]
    public void Accepts_absolute_uris_of_other_schemes()
    {
        Assert.True(SipNameAddress.TryParse("<http://www.example.com>;tag=3234233", out var a));
        Assert.Equal("http", a.Uri.Scheme);
        Assert.True(SipNameAddress.TryParse("isbn:2983792873", out var b));
        Assert.Equal("2983792873", b.Uri.Opaque);
    }

    [Fact]
    public void Clone_is_deep()
    {
        Assert.True(SipNameAddress.TryParse("<sip:a@b>", out var na));
        var copy = na.Clone();
        copy.Tag = "x";
        copy.Uri.Host = "c";
        Assert.Equal("<sip:a@b>", na.ToString());
        Assert.Equal("<sip:a@c>;tag=x", copy.ToString());
    }
}
