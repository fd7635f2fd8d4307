namespace Lyrebird.Sip.Grammar;

/// <summary>
/// Reads header parameters <c>*( SEMI generic-param )</c> without allocating (RFC 3261 §25.1): SEMI and EQUAL allow
/// LWS around them; a value is a token, a host (IPv6 reference included) or a quoted-string. After
/// <see cref="MoveNext"/> returns false, <see cref="Error"/> tells a syntax error from the end of the input.
/// </summary>
internal ref struct HeaderParameterReader(ReadOnlySpan<byte> s)
{
    private readonly ReadOnlySpan<byte> _s = s;
    private int _i;

    public bool Error { get; private set; }

    public bool MoveNext(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out bool hasValue)
    {
        name = default;
        value = default;
        hasValue = false;
        var s = _s;
        var i = SipSyntax.SkipLws(s, _i);
        if (i >= s.Length)
        {
            _i = i;
            return false;
        }

        if (s[i] != ';')
        {
            return Fail();
        }

        i = SipSyntax.SkipLws(s, i + 1);
        var nameLength = s[i..].IndexOfAnyExcept(SipCharacters.Token);
        if (nameLength < 0)
        {
            nameLength = s.Length - i;
        }

        if (nameLength == 0)
        {
            return Fail();
        }

        name = s.Slice(i, nameLength);
        i = SipSyntax.SkipLws(s, i + nameLength);
        if (i < s.Length && s[i] == '=')
        {
            hasValue = true;
            i = SipSyntax.SkipLws(s, i + 1);
            if (i >= s.Length)
            {
                return Fail();
            }

            int valueLength;
            if (s[i] == '"')
            {
                valueLength = SipSyntax.QuotedStringLength(s, i);
                if (valueLength < 0)
                {
                    return Fail();
                }
            }
            else
            {
                valueLength = s[i..].IndexOfAnyExcept(SipCharacters.GenValue);
                if (valueLength < 0)
                {
                    valueLength = s.Length - i;
                }

                if (valueLength == 0)
                {
                    return Fail();
                }
            }

            value = s.Slice(i, valueLength);
            i += valueLength;
        }

        _i = i;
        return true;
    }

    private bool Fail()
    {
        Error = true;
        _i = _s.Length;
        return false;
    }
}
