using System.Buffers.Text;
using System.Globalization;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Headers;

/// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16); the number is below 2**31 (§8.1.1.5, RFC 4475 scalar02).</summary>
public readonly record struct SipCSeq(uint Number, string Method)
{
    public const uint MaxNumber = int.MaxValue;

    public static bool TryParse(ReadOnlySpan<byte> value, out SipCSeq cseq)
    {
        cseq = default;
        value = value.Trim(" \t"u8);
        var space = value.IndexOfAny(" \t"u8);
        if (space <= 0)
        {
            return false;
        }

        var digits = value[..space];
        if (digits.ContainsAnyExceptInRange((byte)'0', (byte)'9') || !Utf8Parser.TryParse(digits, out ulong number, out var used)
            || used != digits.Length || number > MaxNumber)
        {
            return false;
        }

        var method = value[space..].TrimStart(" \t"u8);
        if (method.IsEmpty || !Grammar.SipCharacters.IsToken(method))
        {
            return false;
        }

        cseq = new SipCSeq((uint)number, SipMethods.TryGetKnown(method) ?? System.Text.Encoding.ASCII.GetString(method));
        return true;
    }

    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;
}
