using Lyrebird.Sip.Grammar;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Headers;

/// <summary>
/// Allocation-free recognition of <c>( name-addr / addr-spec ) *( SEMI param )</c> (RFC 3261 §20.10, §25.1):
/// name-addr = [ display-name ] LAQUOT addr-spec RAQUOT, display-name = *(token LWS) / quoted-string. LWS before
/// LAQUOT is optional (RFC 4475 lwsdisp). An addr-spec without brackets ends at the first ';' or whitespace and may
/// not contain ',' or '?' (§20: such URIs must be bracketed; RFC 4475 regbadct).
/// </summary>
internal static class NameAddressSyntax
{
    private static readonly System.Buffers.SearchValues<byte> AddrSpecEnd = System.Buffers.SearchValues.Create(";, \t\r\n"u8);

    public ref struct Parts
    {
        public bool IsWildcard;
        public ReadOnlySpan<byte> DisplayName; // quoted-string with quotes, or tokens as written; empty when absent
        public bool DisplayNameQuoted;
        public UriParts Uri;
        public ReadOnlySpan<byte> Parameters;
    }

    public static bool Scan(ReadOnlySpan<byte> s, out Parts parts)
    {
        parts = default;
        s = SipSyntax.TrimLws(s);
        if (s.IsEmpty)
        {
            return false;
        }

        if (s[0] == '*')
        {
            parts.IsWildcard = true;
            var after = s[1..];
            parts.Parameters = after;
            return SipSyntax.TryParseHeaderParameters(after, null);
        }

        int laquot;
        if (s[0] == '"')
        {
            var q = SipSyntax.QuotedStringLength(s, 0);
            if (q < 0)
            {
                return false;
            }

            parts.DisplayName = s[..q];
            parts.DisplayNameQuoted = true;
            laquot = SipSyntax.SkipLws(s, q);
            if (laquot >= s.Length || s[laquot] != '<')
            {
                return false;
            }
        }
        else
        {
            laquot = s.IndexOfAny((byte)'<', (byte)'"');
            if (laquot >= 0 && s[laquot] == '"')
            {
                return false;
            }

            if (laquot > 0)
            {
                var display = SipSyntax.TrimLws(s[..laquot]);
                if (!IsTokenSequence(display))
                {
                    return false;
                }

                parts.DisplayName = display;
            }
        }

        if (laquot >= 0)
        {
            var close = s[laquot..].IndexOf((byte)'>');
            if (close < 0 || !UriSyntax.TryScan(s[(laquot + 1)..(laquot + close)], out parts.Uri))
            {
                return false;
            }

            parts.Parameters = s[(laquot + close + 1)..];
            return SipSyntax.TryParseHeaderParameters(parts.Parameters, null);
        }

        // addr-spec
        var end = s.IndexOfAny(AddrSpecEnd);
        var uri = end < 0 ? s : s[..end];
        if (uri.IndexOf((byte)'?') >= 0 || !UriSyntax.TryScan(uri, out parts.Uri))
        {
            return false;
        }

        parts.Parameters = end < 0 ? default : s[end..];
        return SipSyntax.TryParseHeaderParameters(parts.Parameters, null);
    }

    private static readonly System.Buffers.SearchValues<byte> TokenOrLws =
        System.Buffers.SearchValues.Create("-.!%*_+`'~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz \t\r\n"u8);

    private static bool IsTokenSequence(ReadOnlySpan<byte> s) => !s.IsEmpty && !s.ContainsAnyExcept(TokenOrLws);
}
