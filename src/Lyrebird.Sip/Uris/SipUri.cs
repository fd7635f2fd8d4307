using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Uris;

/// <summary>
/// A <c>sip:</c>, <c>sips:</c> or <c>tel:</c> URI (RFC 3261 §19.1, RFC 3966), IPv6 references per RFC 5118.
/// <see cref="User"/> and parameter values are kept unescaped-as-written; comparison follows §19.1.4.
/// </summary>
public sealed class SipUri
{
    public SipUri(string scheme, string? user, string host, int? port = null)
    {
        Scheme = scheme;
        User = user;
        Host = host;
        Port = port;
    }

    /// <summary>"sip", "sips" or "tel" (lower case).</summary>
    public string Scheme { get; set; }

    /// <summary>The user part (for tel: the number), escapes as written; null when absent.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Host name, IPv4 address or bracketed IPv6 reference ("[::1]"); empty for tel:.</summary>
    public string Host { get; set; }

    public int? Port { get; set; }

    public SipParameters Parameters { get; } = new();

    /// <summary>The <c>?hname=hvalue&amp;…</c> part without the '?', or null.</summary>
    public string? Headers { get; set; }

    public string? Transport => Parameters["transport"];

    public static bool TryParse(ReadOnlySpan<byte> text, out SipUri uri) => throw new NotImplementedException("issue 2: URI parser");

    public static bool TryParse(string text, out SipUri uri) => TryParse(System.Text.Encoding.UTF8.GetBytes(text), out uri);

    public static SipUri Parse(string text) => TryParse(text, out var uri) ? uri : throw new FormatException($"Not a SIP URI: {text}");

    /// <summary>RFC 3261 §19.1.4 equality.</summary>
    public bool Matches(SipUri other) => throw new NotImplementedException("issue 2: URI comparison");

    public SipUri Clone() => throw new NotImplementedException("issue 2");

    public override string ToString() => throw new NotImplementedException("issue 2: URI writer");
}
