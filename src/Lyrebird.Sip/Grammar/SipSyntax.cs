using System.Buffers;
using System.Text;
using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Grammar;

/// <summary>Small span-based building blocks of the RFC 3261 §25 grammar shared by the URI, header and message parsers.</summary>
internal static class SipSyntax
{
    /// <summary>Trims SP, HTAB, CR and LF on both sides (LWS after unfolding, or still folded).</summary>
    public static ReadOnlySpan<byte> TrimLws(ReadOnlySpan<byte> s) => s.Trim(" \t\r\n"u8);

    public static int SkipLws(ReadOnlySpan<byte> s, int i)
    {
        while ((uint)i < (uint)s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>Length of the quoted-string starting at <paramref name="start"/> (which must be a DQUOTE), quotes
    /// included, or -1 when it is not terminated. quoted-pair escapes any byte but CR and LF.</summary>
    public static int QuotedStringLength(ReadOnlySpan<byte> s, int start)
    {
        var i = start + 1;
        while (i < s.Length)
        {
            var b = s[i];
            if (b == '"')
            {
                return i - start + 1;
            }

            if (b == '\\')
            {
                if (i + 1 >= s.Length || s[i + 1] is (byte)'\r' or (byte)'\n')
                {
                    return -1;
                }

                i += 2;
                continue;
            }

            if (b is (byte)'\r' or (byte)'\n')
            {
                return -1;
            }

            i++;
        }

        return -1;
    }

    /// <summary>True when every '%' is followed by two hex digits.</summary>
    public static bool EscapesAreValid(ReadOnlySpan<byte> s)
    {
        var i = s.IndexOf((byte)'%');
        while (i >= 0)
        {
            if (i + 2 >= s.Length || !SipCharacters.IsHex(s[i + 1]) || !SipCharacters.IsHex(s[i + 2]))
            {
                return false;
            }

            var next = s[(i + 3)..].IndexOf((byte)'%');
            i = next < 0 ? -1 : i + 3 + next;
        }

        return true;
    }

    /// <summary>True when every byte of <paramref name="s"/> is in <paramref name="allowed"/> (a set including '%') and
    /// every '%' starts a valid escape. <paramref name="unescaped"/> is the same set without '%': the common case of no
    /// escapes at all takes one scan.</summary>
    public static bool IsEscapedText(ReadOnlySpan<byte> s, SearchValues<byte> unescaped, SearchValues<byte> allowed) =>
        !s.ContainsAnyExcept(unescaped) || (!s.ContainsAnyExcept(allowed) && EscapesAreValid(s));

    /// <summary>Decodes %HEX escapes (for §19.1.4 comparison).</summary>
    public static string Unescape(string s)
    {
        if (!s.Contains('%', StringComparison.Ordinal))
        {
            return s;
        }

        var bytes = Encoding.UTF8.GetBytes(s);
        var n = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '%' && i + 2 < bytes.Length && SipCharacters.IsHex(bytes[i + 1]) && SipCharacters.IsHex(bytes[i + 2]))
            {
                bytes[n++] = (byte)((HexValue(bytes[i + 1]) << 4) | HexValue(bytes[i + 2]));
                i += 2;
            }
            else
            {
                bytes[n++] = bytes[i];
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, n);
    }

    private static int HexValue(byte b) => SipCharacters.IsDigit(b) ? b - '0' : (b | 0x20) - 'a' + 10;

    /// <summary>Parses non-negative decimal digits into an int; false on empty, non-digit, or above <paramref name="max"/>.
    /// <paramref name="overflow"/> tells a digits-only value that was too large from a syntax error.</summary>
    public static bool TryParseDigits(ReadOnlySpan<byte> s, long max, out long value, out bool overflow)
    {
        value = 0;
        overflow = false;
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var b in s)
        {
            if (!SipCharacters.IsDigit(b))
            {
                return false;
            }

            if (!overflow)
            {
                value = (value * 10) + (b - '0');
                if (value > max)
                {
                    overflow = true;
                }
            }
        }

        if (overflow)
        {
            value = 0;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses header parameters: <c>*( SEMI generic-param )</c>, where SEMI and EQUAL allow LWS (§25.1) and a value is a
    /// token, a host (IPv6 reference included) or a quoted-string. <paramref name="s"/> is what follows the main value;
    /// it must be empty or start (after LWS) with ';'. When <paramref name="target"/> is null this only validates.
    /// </summary>
    public static bool TryParseHeaderParameters(ReadOnlySpan<byte> s, SipParameters? target)
    {
        var reader = new HeaderParameterReader(s);
        while (reader.MoveNext(out var name, out var value, out var hasValue))
        {
            target?.Add(Intern(name), hasValue ? Encoding.UTF8.GetString(value) : null);
        }

        return !reader.Error;
    }

    /// <summary>Validates URI parameters <c>*( ";" pname [ "=" pvalue ] )</c> without whitespace; pname and pvalue
    /// are 1*paramchar with valid escapes.</summary>
    public static bool TryParseUriParameters(ReadOnlySpan<byte> s, SipParameters? target)
    {
        while (!s.IsEmpty)
        {
            if (s[0] != ';')
            {
                return false;
            }

            s = s[1..];
            if (TryScanPlainUriParameter(s, out var plainName, out var plainValue, out var plainLength))
            {
                target?.Add(Intern(plainName), plainLength > plainName.Length ? Intern(plainValue) : null);
                s = s[plainLength..];
                continue;
            }

            var end = s.IndexOf((byte)';');
            var param = end < 0 ? s : s[..end];
            s = end < 0 ? default : s[end..];
            var eq = param.IndexOf((byte)'=');
            var name = eq < 0 ? param : param[..eq];
            if (name.IsEmpty || !IsEscapedText(name, SipCharacters.ParamCharUnescaped, SipCharacters.ParamChar))
            {
                return false;
            }

            if (eq >= 0)
            {
                var value = param[(eq + 1)..];
                if (value.IsEmpty || !IsEscapedText(value, SipCharacters.ParamCharUnescaped, SipCharacters.ParamChar))
                {
                    return false;
                }

                target?.Add(Intern(name), Intern(value));
            }
            else
            {
                target?.Add(Intern(name), null);
            }
        }

        return true;
    }

    /// <summary>The common case of a URI parameter (after its ';'): pname and optional pvalue of unescaped paramchars,
    /// ending at the next ';' or the end, found with one scan each. False sends the caller to the general path, which
    /// handles escapes and reports errors. <paramref name="length"/> covers name, '=' and value.</summary>
    private static bool TryScanPlainUriParameter(ReadOnlySpan<byte> s, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out int length)
    {
        name = value = default;
        length = 0;
        var nameEnd = s.IndexOfAnyExcept(SipCharacters.ParamCharUnescaped);
        if (nameEnd < 0)
        {
            nameEnd = s.Length;
        }

        if (nameEnd == 0 || (nameEnd < s.Length && s[nameEnd] is not ((byte)';' or (byte)'=')))
        {
            return false;
        }

        name = s[..nameEnd];
        if (nameEnd == s.Length || s[nameEnd] == ';')
        {
            length = nameEnd;
            return true;
        }

        var rest = s[(nameEnd + 1)..];
        var valueEnd = rest.IndexOfAnyExcept(SipCharacters.ParamCharUnescaped);
        if (valueEnd < 0)
        {
            valueEnd = rest.Length;
        }

        if (valueEnd == 0 || (valueEnd < rest.Length && rest[valueEnd] != ';'))
        {
            return false;
        }

        value = rest[..valueEnd];
        length = nameEnd + 1 + valueEnd;
        return true;
    }

    private static readonly string[] Common =
        ["user", "phone", "ip", "transport", "udp", "tcp", "tls", "ws", "wss", "sctp", "UDP", "TCP", "TLS", "lr", "line", "maddr", "ttl", "method",
            "ob", "gr", "tag", "branch", "rport", "received", "expires", "q", "reg-id", "+sip.instance"];

    /// <summary>Returns a shared string for common parameter names and values (no allocation), else a new one.</summary>
    public static string Intern(ReadOnlySpan<byte> ascii)
    {
        foreach (var common in Common)
        {
            if (common.Length == ascii.Length && Ascii.Equals(ascii, common))
            {
                return common;
            }
        }

        return Encoding.ASCII.GetString(ascii);
    }

    /// <summary>A quoted-string's content with quoted-pairs resolved, decoded as UTF-8.</summary>
    public static string Unquote(ReadOnlySpan<byte> quoted)
    {
        var inner = quoted[1..^1];
        if (inner.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(inner);
        }

        var buffer = new byte[inner.Length];
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            buffer[n++] = inner[i];
        }

        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// <summary>Quotes a display name, escaping '"' and '\'.</summary>
    public static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }
}
