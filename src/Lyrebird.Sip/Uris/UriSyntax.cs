using System.Net;
using Lyrebird.Sip.Grammar;

namespace Lyrebird.Sip.Uris;

/// <summary>Allocation-free recognition of SIP-URI / SIPS-URI (RFC 3261 §25.1, RFC 5118), tel (RFC 3966, loosely)
/// and other absoluteURI forms. No whitespace is allowed anywhere in a URI.</summary>
internal static class UriSyntax
{
    public static bool TryScan(ReadOnlySpan<byte> s, out UriParts parts)
    {
        parts = default;
        parts.Port = -1;
        var colon = s.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        // sip, sips and tel are valid schemes: only another scheme needs the character check.
        parts.Scheme = s[..colon];
        var rest = s[(colon + 1)..];
        if (System.Text.Ascii.EqualsIgnoreCase(parts.Scheme, "sip"u8))
        {
            parts.Kind = UriSchemeKind.Sip;
            return ScanSip(rest, ref parts);
        }

        if (System.Text.Ascii.EqualsIgnoreCase(parts.Scheme, "sips"u8))
        {
            parts.Kind = UriSchemeKind.Sips;
            return ScanSip(rest, ref parts);
        }

        if (System.Text.Ascii.EqualsIgnoreCase(parts.Scheme, "tel"u8))
        {
            parts.Kind = UriSchemeKind.Tel;
            return ScanTel(rest, ref parts);
        }

        if (!IsAsciiLetter(s[0]) || parts.Scheme.ContainsAnyExcept(SipCharacters.SchemeChar))
        {
            parts = default;
            parts.Port = -1;
            return false;
        }

        parts.Kind = UriSchemeKind.Other;
        parts.Opaque = rest;
        return !rest.IsEmpty && !rest.ContainsAnyExcept(SipCharacters.Uric) && SipSyntax.EscapesAreValid(rest);
    }

    private static bool IsAsciiLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    private static bool ScanSip(ReadOnlySpan<byte> s, ref UriParts parts)
    {
        // Common case: a user of unescaped characters right before '@' ("201@host"), found with one scan. Otherwise
        // (password, escapes, no user, or an error) the general path below.
        var userEnd = s.IndexOfAnyExcept(SipCharacters.UserUnescaped);
        if (userEnd > 0 && s[userEnd] == '@')
        {
            parts.User = s[..userEnd];
            parts.HasUser = true;
            return ScanHostPort(s[(userEnd + 1)..], ref parts);
        }

        var at = s.IndexOf((byte)'@');
        if (at >= 0)
        {
            var userinfo = s[..at];
            var pc = userinfo.IndexOf((byte)':');
            var user = pc < 0 ? userinfo : userinfo[..pc];
            if (user.IsEmpty || !SipSyntax.IsEscapedText(user, SipCharacters.UserUnescaped, SipCharacters.User))
            {
                return false;
            }

            parts.User = user;
            parts.HasUser = true;
            if (pc >= 0)
            {
                var password = userinfo[(pc + 1)..];
                if (password.ContainsAnyExcept(SipCharacters.Password) || !SipSyntax.EscapesAreValid(password))
                {
                    return false;
                }

                parts.Password = password;
                parts.HasPassword = true;
            }

            s = s[(at + 1)..];
        }

        return ScanHostPort(s, ref parts);
    }

    /// <summary>hostport, then URI parameters and headers.</summary>
    private static bool ScanHostPort(ReadOnlySpan<byte> s, ref UriParts parts)
    {
        int i;
        if (!s.IsEmpty && s[0] == '[')
        {
            var close = s.IndexOf((byte)']');
            if (close < 0 || !IsIpv6(s[1..close]))
            {
                return false;
            }

            parts.Host = s[..(close + 1)];
            i = close + 1;
        }
        else
        {
            i = s.IndexOfAnyExcept(SipCharacters.HostChar);
            if (i < 0)
            {
                i = s.Length;
            }

            if (i == 0)
            {
                return false;
            }

            parts.Host = s[..i];
        }

        if (i < s.Length && s[i] == ':')
        {
            var portStart = i + 1;
            var portEnd = portStart;
            while (portEnd < s.Length && SipCharacters.IsDigit(s[portEnd]))
            {
                portEnd++;
            }

            if (!SipSyntax.TryParseDigits(s[portStart..portEnd], 65535, out var port, out _))
            {
                return false;
            }

            parts.Port = (int)port;
            i = portEnd;
        }

        s = s[i..];
        return ScanParamsAndHeaders(s, ref parts);
    }

    private static bool ScanParamsAndHeaders(ReadOnlySpan<byte> s, ref UriParts parts)
    {
        var q = s.IndexOf((byte)'?');
        var parameters = q < 0 ? s : s[..q];
        if (!parameters.IsEmpty && (parameters[0] != ';' || !SipSyntax.TryParseUriParameters(parameters, null)))
        {
            return false;
        }

        parts.Parameters = parameters;
        if (q >= 0)
        {
            var headers = s[(q + 1)..];
            if (headers.IsEmpty || headers.ContainsAnyExcept(SipCharacters.UriHeaderChar) || !SipSyntax.EscapesAreValid(headers))
            {
                return false;
            }

            parts.Headers = headers;
            parts.HasHeaders = true;
        }

        return true;
    }

    private static bool ScanTel(ReadOnlySpan<byte> s, ref UriParts parts)
    {
        var semi = s.IndexOfAny((byte)';', (byte)'?');
        var number = semi < 0 ? s : s[..semi];
        if (number.IsEmpty || number.ContainsAnyExcept(SipCharacters.ParamChar) || !SipSyntax.EscapesAreValid(number))
        {
            return false;
        }

        parts.User = number;
        parts.HasUser = true;
        return ScanParamsAndHeaders(semi < 0 ? default : s[semi..], ref parts);
    }

    /// <summary>IPv6address of RFC 3261 / RFC 5118 (inside the brackets): hex, colons, optional dotted IPv4 tail.</summary>
    public static bool IsIpv6(ReadOnlySpan<byte> s)
    {
        if (s.Length is < 2 or > 45 || s.ContainsAnyExcept(SipCharacters.Ipv6Char) || s.IndexOf((byte)':') < 0)
        {
            return false;
        }

        Span<char> chars = stackalloc char[45];
        for (var i = 0; i < s.Length; i++)
        {
            chars[i] = (char)s[i];
        }

        return IPAddress.TryParse(chars[..s.Length], out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    /// <summary>A host of Via sent-by or received: hostname, IPv4 address or bracketed IPv6 reference.</summary>
    public static bool IsHost(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        if (s[0] == '[')
        {
            return s.Length > 2 && s[^1] == ']' && IsIpv6(s[1..^1]);
        }

        return !s.ContainsAnyExcept(SipCharacters.HostChar);
    }
}
