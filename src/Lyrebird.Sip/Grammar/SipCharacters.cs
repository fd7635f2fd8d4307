using System.Buffers;

namespace Lyrebird.Sip.Grammar;

/// <summary>Character classes of RFC 3261 §25.1, as <see cref="SearchValues{T}"/>.</summary>
public static class SipCharacters
{
    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    public static readonly SearchValues<byte> Token =
        SearchValues.Create("-.!%*_+`'~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // WSP = SP / HTAB
    public static readonly SearchValues<byte> Wsp = SearchValues.Create(" \t"u8);

    public static bool IsToken(ReadOnlySpan<byte> value) => !value.IsEmpty && !value.ContainsAnyExcept(Token);
}
