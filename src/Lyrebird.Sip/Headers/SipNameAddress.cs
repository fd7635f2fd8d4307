using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Headers;

/// <summary>
/// name-addr or addr-spec with header parameters (From, To, Contact, Route, Record-Route, Refer-To; RFC 3261 §20.10,
/// §25.1): <c>"Display" &lt;sip:u@h;uriparam&gt;;tag=…;expires=…;+sip.instance="&lt;urn:…&gt;";reg-id=1</c>.
/// Without angle brackets, parameters after the URI belong to the header, not the URI (§20.10).
/// </summary>
public sealed class SipNameAddress
{
    public SipNameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
    }

    /// <summary>Display name, unquoted and unescaped; null when absent.</summary>
    public string? DisplayName { get; set; }

    public SipUri Uri { get; set; }

    /// <summary>Contact "*" (REGISTER removal of all bindings).</summary>
    public bool IsWildcard { get; init; }

    /// <summary>Header parameters (tag, expires, q, +sip.instance, reg-id, …).</summary>
    public SipParameters Parameters { get; } = new();

    public string? Tag { get => Parameters["tag"]; set => Parameters.Set("tag", value); }

    public static bool TryParse(ReadOnlySpan<byte> value, out SipNameAddress nameAddress) => throw new NotImplementedException("issue 2: name-addr parser");

    public static bool TryParse(string value, out SipNameAddress nameAddress) => TryParse(System.Text.Encoding.UTF8.GetBytes(value), out nameAddress);

    public SipNameAddress Clone() => throw new NotImplementedException("issue 2");

    /// <summary>Canonical form: always name-addr with angle brackets, display name quoted when present.</summary>
    public override string ToString() => throw new NotImplementedException("issue 2: name-addr writer");
}
