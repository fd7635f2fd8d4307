using Lyrebird.Sip.Grammar;

namespace Lyrebird.Sip.Parsing;

/// <summary>Unfolding and list splitting of header values.</summary>
internal static class HeaderValues
{
    private static readonly System.Buffers.SearchValues<byte> ListSpecials = System.Buffers.SearchValues.Create(",\"<"u8);

    /// <summary>Returns the value between <paramref name="start"/> and <paramref name="end"/> without surrounding
    /// whitespace: a slice of <paramref name="data"/> when not folded, else a new buffer where each fold (CRLF and the
    /// whitespace around it) became one SP.</summary>
    public static ReadOnlyMemory<byte> Extract(ReadOnlyMemory<byte> data, int start, int end, bool folded)
    {
        Trim(data.Span, ref start, ref end);
        return folded ? Unfold(data.Span[start..end]) : data[start..end];
    }

    /// <summary>Moves <paramref name="start"/> and <paramref name="end"/> inwards past SP and HTAB.</summary>
    public static void Trim(ReadOnlySpan<byte> s, ref int start, ref int end)
    {
        while (start < end && SipCharacters.IsWsp(s[start]))
        {
            start++;
        }

        while (end > start && SipCharacters.IsWsp(s[end - 1]))
        {
            end--;
        }
    }

    /// <summary>A new buffer holding <paramref name="source"/> (already trimmed) with each fold (CRLF and the whitespace
    /// around it) replaced by one SP.</summary>
    public static ReadOnlyMemory<byte> Unfold(ReadOnlySpan<byte> source)
    {
        var buffer = new byte[source.Length];
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            if (b is (byte)'\r' or (byte)'\n')
            {
                while (n > 0 && SipCharacters.IsWsp(buffer[n - 1]))
                {
                    n--;
                }

                while (i + 1 < source.Length && source[i + 1] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t')
                {
                    i++;
                }

                if (n > 0)
                {
                    buffer[n++] = (byte)' ';
                }

                continue;
            }

            buffer[n++] = b;
        }

        return buffer.AsMemory(0, n);
    }

    /// <summary>Finds the next comma-separated element of a list header value (§7.3.1), skipping commas inside
    /// quoted strings and &lt;…&gt;. Returns false at the end. The element is trimmed of LWS.</summary>
    public static bool NextElement(ReadOnlySpan<byte> value, ref int position, out int elementStart, out int elementEnd)
    {
        elementStart = elementEnd = position;
        if (position > value.Length)
        {
            return false;
        }

        var i = position;
        while (i < value.Length)
        {
            var skip = value[i..].IndexOfAny(ListSpecials);
            if (skip < 0)
            {
                i = value.Length;
                break;
            }

            i += skip;
            var b = value[i];
            if (b == ',')
            {
                break;
            }

            if (b == '"')
            {
                var q = SipSyntax.QuotedStringLength(value, i);
                i = q < 0 ? value.Length : i + q;
                continue;
            }

            if (b == '<')
            {
                var close = value[i..].IndexOf((byte)'>');
                i = close < 0 ? value.Length : i + close + 1;
            }
        }

        var start = position;
        var end = i;
        while (start < end && value[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        while (end > start && value[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        elementStart = start;
        elementEnd = end;
        position = i + 1;
        return true;
    }
}
