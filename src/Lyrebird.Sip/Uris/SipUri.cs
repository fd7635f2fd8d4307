using System.Globalization;
using System.Text;
using Lyrebird.Sip.Grammar;
using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Uris;

/// <summary>
/// A <c>sip:</c>, <c>sips:</c> or <c>tel:</c> URI (RFC 3261 §19.1, RFC 3966), IPv6 references per RFC 5118.
/// <see cref="User"/> and parameter values are kept unescaped-as-written; comparison follows §19.1.4.
/// Any other absoluteURI scheme (RFC 4475 unkscm, novelsc) parses with its scheme-specific part in <see cref="Opaque"/>,
/// so that the layer above can answer 416.
/// </summary>
public sealed class SipUri
{
    private SipParameters? _parameters;

    public SipUri(string scheme, string? user, string host, int? port = null)
    {
        Scheme = scheme;
        User = user;
        Host = host;
        Port = port;
    }

    /// <summary>"sip", "sips" or "tel" (lower case); another scheme as written.</summary>
    public string Scheme { get; set; }

    /// <summary>The user part (for tel: the number), escapes as written; null when absent.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Host name, IPv4 address or bracketed IPv6 reference ("[::1]"); empty for tel: and other schemes.</summary>
    public string Host { get; set; }

    public int? Port { get; set; }

    public SipParameters Parameters => _parameters ??= new SipParameters();

    /// <summary>The <c>?hname=hvalue&amp;…</c> part without the '?', or null.</summary>
    public string? Headers { get; set; }

    /// <summary>For a scheme other than sip/sips/tel: everything after "scheme:", as written; else null.</summary>
    public string? Opaque { get; set; }

    /// <summary>sip: or sips: (the schemes whose host part this stack can route on).</summary>
    public bool IsSip => Opaque is null && (Scheme == "sip" || Scheme == "sips");

    public string? Transport => _parameters?["transport"];

    /// <summary>The <c>user</c> URI parameter (e.g. "phone").</summary>
    public string? UserParameter => _parameters?["user"];

    public bool LooseRouting => _parameters?.Contains("lr") == true;

    public static bool TryParse(ReadOnlySpan<byte> text, out SipUri uri)
    {
        if (!UriSyntax.TryScan(text, out var parts))
        {
            uri = null!;
            return false;
        }

        uri = FromParts(parts);
        return true;
    }

    public static bool TryParse(string text, out SipUri uri) => TryParse(Encoding.UTF8.GetBytes(text), out uri);

    public static SipUri Parse(string text) => TryParse(text, out var uri) ? uri : throw new FormatException($"Not a SIP URI: {text}");

    internal static SipUri FromParts(scoped in UriParts parts)
    {
        SipUri uri;
        switch (parts.Kind)
        {
            case UriSchemeKind.Sip:
            case UriSchemeKind.Sips:
                uri = new SipUri(parts.Kind == UriSchemeKind.Sip ? "sip" : "sips", parts.HasUser ? Ascii(parts.User) : null, Ascii(parts.Host),
                    parts.Port >= 0 ? parts.Port : null);
                if (parts.HasPassword)
                {
                    uri.Password = Ascii(parts.Password);
                }

                break;
            case UriSchemeKind.Tel:
                uri = new SipUri("tel", Ascii(parts.User), string.Empty);
                break;
            default:
                return new SipUri(Ascii(parts.Scheme), null, string.Empty) { Opaque = Ascii(parts.Opaque) };
        }

        if (!parts.Parameters.IsEmpty)
        {
            SipSyntax.TryParseUriParameters(parts.Parameters, uri.Parameters);
        }

        if (parts.HasHeaders)
        {
            uri.Headers = Ascii(parts.Headers);
        }

        return uri;
    }

    private static string Ascii(ReadOnlySpan<byte> s) => Encoding.ASCII.GetString(s);

    /// <summary>RFC 3261 §19.1.4 equality: scheme, user and password case-sensitively and host case-insensitively after
    /// unescaping; port present in both or neither; transport/user/ttl/method/maddr must agree when present in either;
    /// other parameters are compared only when present in both; headers must agree.</summary>
    public bool Matches(SipUri other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(Scheme, other.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Opaque is not null || other.Opaque is not null)
        {
            return string.Equals(Opaque, other.Opaque, StringComparison.Ordinal);
        }

        if (!string.Equals(Unescape(User), Unescape(other.User), StringComparison.Ordinal)
            || !string.Equals(Unescape(Password), Unescape(other.Password), StringComparison.Ordinal)
            || !string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
            || Port != other.Port)
        {
            return false;
        }

        var mine = _parameters;
        var theirs = other._parameters;
        foreach (var name in (ReadOnlySpan<string>)["transport", "user", "ttl", "method", "maddr"])
        {
            var a = mine?.Contains(name) == true;
            var b = theirs?.Contains(name) == true;
            if (a != b || (a && !ParamEquals(mine![name], theirs![name])))
            {
                return false;
            }
        }

        if (mine is not null && theirs is not null)
        {
            foreach (var (name, value) in mine)
            {
                if (theirs.Contains(name) && !ParamEquals(value, theirs[name]))
                {
                    return false;
                }
            }
        }

        return HeadersEqual(Headers, other.Headers);
    }

    private static string? Unescape(string? s) => s is null ? null : SipSyntax.Unescape(s);

    private static bool ParamEquals(string? a, string? b) =>
        string.Equals(Unescape(a), Unescape(b), StringComparison.OrdinalIgnoreCase);

    private static bool HeadersEqual(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        var x = a.Split('&').Select(SipSyntax.Unescape).Order(StringComparer.OrdinalIgnoreCase);
        var y = b.Split('&').Select(SipSyntax.Unescape).Order(StringComparer.OrdinalIgnoreCase);
        return x.SequenceEqual(y, StringComparer.OrdinalIgnoreCase);
    }

    public SipUri Clone()
    {
        var copy = new SipUri(Scheme, User, Host, Port) { Password = Password, Headers = Headers, Opaque = Opaque };
        if (_parameters is { Count: > 0 })
        {
            copy._parameters = _parameters.Clone();
        }

        return copy;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(64);
        sb.Append(Scheme).Append(':');
        if (Opaque is not null)
        {
            return sb.Append(Opaque).ToString();
        }

        if (User is not null)
        {
            sb.Append(User);
            if (Password is not null)
            {
                sb.Append(':').Append(Password);
            }

            if (Host.Length > 0)
            {
                sb.Append('@');
            }
        }

        sb.Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        if (_parameters is { Count: > 0 })
        {
            sb.Append(_parameters.ToString());
        }

        if (Headers is not null)
        {
            sb.Append('?').Append(Headers);
        }

        return sb.ToString();
    }
}
