using System.Globalization;

namespace Lyrebird.Sdp.Model;

/// <summary>Strict decimal parsing shared by the parser and the typed attribute helpers (digits only, no sign, no spaces).</summary>
internal static class SdpNumber
{
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParse(ReadOnlySpan<char> text, long min, long max, out int value)
    {
        value = 0;
        if (!TryParse(text, out var v) || v < min || v > max)
        {
            return false;
        }

        value = (int)v;
        return true;
    }

    public static bool TryParseUnsigned(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
