namespace Lyrebird.Sip.Grammar;

/// <summary>Iterates already-validated header parameters (<c>;name=value</c> with LWS) without allocating.</summary>
internal ref struct HeaderParameterReader(ReadOnlySpan<byte> s)
{
    private readonly ReadOnlySpan<byte> _s = s;
    private int _i;

    public bool MoveNext(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out bool hasValue)
    {
        name = default;
        value = default;
        hasValue = false;
        var s = _s;
        var i = SipSyntax.SkipLws(s, _i);
        if (i >= s.Length || s[i] != ';')
        {
            return false;
        }

        i = SipSyntax.SkipLws(s, i + 1);
        var nameStart = i;
        while (i < s.Length && SipCharacters.Token.Contains(s[i]))
        {
            i++;
        }

        name = s[nameStart..i];
        i = SipSyntax.SkipLws(s, i);
        if (i < s.Length && s[i] == '=')
        {
            hasValue = true;
            i = SipSyntax.SkipLws(s, i + 1);
            var valueStart = i;
            if (i < s.Length && s[i] == '"')
            {
                var q = SipSyntax.QuotedStringLength(s, i);
                i += q < 0 ? s.Length - i : q;
            }
            else
            {
                while (i < s.Length && SipCharacters.GenValue.Contains(s[i]))
                {
                    i++;
                }
            }

            value = s[valueStart..i];
        }

        _i = i;
        return true;
    }
}
