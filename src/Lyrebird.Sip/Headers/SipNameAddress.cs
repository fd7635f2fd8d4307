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

    public static bool TryParse(ReadOnlySpan<byte> value, out SipNameAddress nameAddress)
    {
        if (!NameAddressSyntax.Scan(value, out var parts))
        {
            nameAddress = null!;
            return false;
        }

        if (parts.IsWildcard)
        {
            nameAddress = new SipNameAddress(new SipUri("sip", null, "*")) { IsWildcard = true };
        }
        else
        {
            string? display = null;
            if (parts.DisplayNameQuoted)
            {
                display = Grammar.SipSyntax.Unquote(parts.DisplayName);
            }
            else if (!parts.DisplayName.IsEmpty)
            {
                display = CollapseLws(parts.DisplayName);
            }

            nameAddress = new SipNameAddress(SipUri.FromParts(parts.Uri), display);
        }

        if (!parts.Parameters.IsEmpty)
        {
            Grammar.SipSyntax.TryParseHeaderParameters(parts.Parameters, nameAddress.Parameters);
        }

        return true;
    }

    private static string CollapseLws(ReadOnlySpan<byte> tokens)
    {
        var sb = new System.Text.StringBuilder(tokens.Length);
        var space = false;
        foreach (var b in tokens)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append((char)b);
        }

        return sb.ToString();
    }

    public static bool TryParse(string value, out SipNameAddress nameAddress) => TryParse(System.Text.Encoding.UTF8.GetBytes(value), out nameAddress);

    public SipNameAddress Clone()
    {
        var copy = new SipNameAddress(Uri.Clone(), DisplayName) { IsWildcard = IsWildcard };
        foreach (var (name, value) in Parameters)
        {
            copy.Parameters.Add(name, value);
        }

        return copy;
    }

    /// <summary>Canonical form: always name-addr with angle brackets, display name quoted when present
    /// (<c>"Name" &lt;uri&gt;;params</c> or <c>&lt;uri&gt;;params</c>); a wildcard Contact is <c>*</c>.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder(64);
        if (IsWildcard)
        {
            sb.Append('*');
        }
        else
        {
            if (DisplayName is not null)
            {
                Grammar.SipSyntax.AppendQuoted(sb, DisplayName);
                sb.Append(' ');
            }

            sb.Append('<').Append(Uri.ToString()).Append('>');
        }

        return sb.Append(Parameters.ToString()).ToString();
    }
}
