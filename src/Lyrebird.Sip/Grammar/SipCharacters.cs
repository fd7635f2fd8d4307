using System.Buffers;

namespace Lyrebird.Sip.Grammar;

/// <summary>Character classes of RFC 3261 §25.1, as <see cref="SearchValues{T}"/>.</summary>
public static class SipCharacters
{
    private const string Alphanum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
    private const string Unreserved = Alphanum + "-_.!~*'()";

    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    public static readonly SearchValues<byte> Token =
        SearchValues.Create("-.!%*_+`'~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // WSP = SP / HTAB
    public static readonly SearchValues<byte> Wsp = SearchValues.Create(" \t"u8);

    /// <summary>LWS characters including the CR/LF of a fold.</summary>
    public static readonly SearchValues<byte> Lws = SearchValues.Create(" \t\r\n"u8);

    /// <summary>user = 1*( unreserved / escaped / user-unreserved ); '%' is checked separately for HEX HEX.</summary>
    public static readonly SearchValues<byte> User = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Unreserved + "&=+$,;?/%"));

    /// <summary>password = *( unreserved / escaped / "&amp;" / "=" / "+" / "$" / "," ).</summary>
    public static readonly SearchValues<byte> Password = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Unreserved + "&=+$,%"));

    /// <summary>paramchar = param-unreserved / unreserved / escaped.</summary>
    public static readonly SearchValues<byte> ParamChar = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Unreserved + "[]/:&+$%"));

    /// <summary><see cref="User"/> without '%': a user part made of these alone needs no escape check.</summary>
    internal static readonly SearchValues<byte> UserUnescaped = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Unreserved + "&=+$,;?/"));

    /// <summary><see cref="ParamChar"/> without '%'.</summary>
    internal static readonly SearchValues<byte> ParamCharUnescaped = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Unreserved + "[]/:&+$"));

    /// <summary>hname / hvalue characters plus the "=" and "&amp;" separators of URI headers.</summary>
    public static readonly SearchValues<byte> UriHeaderChar = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Unreserved + "[]/?:+$%=&"));

    /// <summary>hostname and IPv4address characters (underscore tolerated).</summary>
    public static readonly SearchValues<byte> HostChar = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Alphanum + "-._"));

    /// <summary>Characters of an IPv6 address inside brackets (hex, ':' and '.' of an embedded IPv4).</summary>
    public static readonly SearchValues<byte> Ipv6Char = SearchValues.Create("0123456789ABCDEFabcdef:."u8);

    /// <summary>scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).</summary>
    public static readonly SearchValues<byte> SchemeChar = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Alphanum + "+-."));

    /// <summary>uric of an absoluteURI's opaque part (RFC 2396): reserved / unreserved / escaped, plus '#' and brackets.</summary>
    public static readonly SearchValues<byte> Uric = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Unreserved + ";/?:@&=+$,%#[]"));

    /// <summary>word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" / "(" / ")" / "&lt;" / "&gt;" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}") (Call-ID).</summary>
    public static readonly SearchValues<byte> Word = SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(Alphanum + "-.!%*_+`'~()<>:\\\"/[]?{}"));

    /// <summary>Characters of a Via or header parameter value that is not quoted (token, host, IPv6 reference).</summary>
    public static readonly SearchValues<byte> GenValue = SearchValues.Create("-.!%*_+`'~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz:[]"u8);

    public static bool IsToken(ReadOnlySpan<byte> value) => !value.IsEmpty && !value.ContainsAnyExcept(Token);

    public static bool IsWsp(byte b) => b is (byte)' ' or (byte)'\t';

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 5;
}
