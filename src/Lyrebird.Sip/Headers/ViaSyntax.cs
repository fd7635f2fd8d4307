using Lyrebird.Sip.Grammar;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Headers;

/// <summary>
/// Allocation-free recognition of one via-parm (RFC 3261 §25.1):
/// <c>protocol-name SLASH protocol-version SLASH transport LWS sent-by *( SEMI via-params )</c>, SLASH, COLON and SEMI
/// allowing LWS around them.
/// </summary>
internal static class ViaSyntax
{
    public ref struct Parts
    {
        public ReadOnlySpan<byte> ProtocolName;
        public ReadOnlySpan<byte> ProtocolVersion;
        public ReadOnlySpan<byte> Transport;
        public ReadOnlySpan<byte> Host;
        public int Port; // -1 when absent
        public ReadOnlySpan<byte> Parameters;
    }

    public static ViaScanResult Scan(ReadOnlySpan<byte> s, out Parts parts)
    {
        parts = default;
        parts.Port = -1;
        var i = SipSyntax.SkipLws(s, 0);
        if (!Token(s, ref i, out parts.ProtocolName) || !Slash(s, ref i) || !Token(s, ref i, out parts.ProtocolVersion)
            || !Slash(s, ref i) || !Token(s, ref i, out parts.Transport))
        {
            return ViaScanResult.Unusable;
        }

        var afterTransport = i;
        i = SipSyntax.SkipLws(s, i);
        if (i == afterTransport || i >= s.Length)
        {
            return ViaScanResult.Unusable;
        }

        var hostStart = i;
        if (s[i] == '[')
        {
            var close = s[i..].IndexOf((byte)']');
            if (close < 0)
            {
                return ViaScanResult.Unusable;
            }

            i += close + 1;
            parts.Host = s[hostStart..i];
            if (!UriSyntax.IsHost(parts.Host))
            {
                return ViaScanResult.Unusable;
            }
        }
        else
        {
            // The run of host characters is the host: nothing left to check but that it is not empty.
            var hostLength = s[i..].IndexOfAnyExcept(SipCharacters.HostChar);
            i = hostLength < 0 ? s.Length : i + hostLength;
            parts.Host = s[hostStart..i];
            if (parts.Host.IsEmpty)
            {
                return ViaScanResult.Unusable;
            }
        }

        var j = SipSyntax.SkipLws(s, i);
        if (j < s.Length && s[j] == ':')
        {
            j = SipSyntax.SkipLws(s, j + 1);
            var portStart = j;
            while (j < s.Length && SipCharacters.IsDigit(s[j]))
            {
                j++;
            }

            if (!SipSyntax.TryParseDigits(s[portStart..j], 65535, out var port, out _))
            {
                return ViaScanResult.Unusable;
            }

            parts.Port = (int)port;
            i = j;
        }

        parts.Parameters = s[i..];
        var rest = SipSyntax.TrimLws(parts.Parameters);
        if (rest.IsEmpty)
        {
            parts.Parameters = default;
            return ViaScanResult.Ok;
        }

        if (rest[0] != ';' || !ParametersAreValid(rest))
        {
            return ViaScanResult.BadParameters;
        }

        parts.Parameters = rest;
        return ViaScanResult.Ok;
    }

    /// <summary>Checks the parameters with a meaning: branch is a token and not the bare magic cookie (RFC 4475
    /// badbranch), rport is empty or a port, received is a host.</summary>
    private static bool ParametersAreValid(ReadOnlySpan<byte> s)
    {
        var reader = new HeaderParameterReader(s);
        while (reader.MoveNext(out var name, out var value, out var hasValue))
        {
            if (System.Text.Ascii.EqualsIgnoreCase(name, "branch"u8))
            {
                if (!hasValue || !SipCharacters.IsToken(value) || value.SequenceEqual("z9hG4bK"u8))
                {
                    return false;
                }
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(name, "rport"u8))
            {
                if (hasValue && !SipSyntax.TryParseDigits(value, 65535, out _, out _))
                {
                    return false;
                }
            }
            else if (name.IsEmpty)
            {
                return false;
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(name, "received"u8))
            {
                if (!hasValue || !(UriSyntax.IsHost(value) || UriSyntax.IsIpv6(value)))
                {
                    return false;
                }
            }
        }

        return !reader.Error;
    }

    private static bool Token(ReadOnlySpan<byte> s, scoped ref int i, out ReadOnlySpan<byte> token)
    {
        var length = s[i..].IndexOfAnyExcept(SipCharacters.Token);
        if (length < 0)
        {
            length = s.Length - i;
        }

        token = s.Slice(i, length);
        i += length;
        return length > 0;
    }

    private static bool Slash(ReadOnlySpan<byte> s, ref int i)
    {
        i = SipSyntax.SkipLws(s, i);
        if (i >= s.Length || s[i] != '/')
        {
            return false;
        }

        i = SipSyntax.SkipLws(s, i + 1);
        return true;
    }
}
