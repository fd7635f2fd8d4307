using Lyrebird.Sip.Grammar;

namespace Lyrebird.Sip.Parsing;

/// <summary>
/// Walks the header section line by line (RFC 3261 §7.3). Lines end in CRLF; a bare LF is tolerated as a line end.
/// A line starting with SP or HTAB continues the previous header (folding, §7.3.1).
/// </summary>
internal ref struct HeaderLineReader(ReadOnlySpan<byte> s, int position)
{
    private readonly ReadOnlySpan<byte> _s = s;

    public int Position { get; private set; } = position;

    public HeaderLineStatus Next(out ReadOnlySpan<byte> name, out int valueStart, out int valueEnd, out bool folded)
    {
        name = default;
        valueStart = valueEnd = 0;
        folded = false;
        var s = _s;
        var pos = Position;
        if (pos >= s.Length)
        {
            return HeaderLineStatus.EndOfData;
        }

        var nl = s[pos..].IndexOf((byte)'\n');
        if (nl < 0)
        {
            return HeaderLineStatus.Truncated;
        }

        var lineEnd = pos + nl;
        var contentEnd = lineEnd > pos && s[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        if (contentEnd == pos)
        {
            Position = lineEnd + 1;
            return HeaderLineStatus.End;
        }

        var next = lineEnd + 1;
        while (next < s.Length && SipCharacters.IsWsp(s[next]))
        {
            var nl2 = s[next..].IndexOf((byte)'\n');
            if (nl2 < 0)
            {
                return HeaderLineStatus.Truncated;
            }

            folded = true;
            lineEnd = next + nl2;
            contentEnd = s[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            next = lineEnd + 1;
        }

        Position = next;
        if (SipCharacters.IsWsp(s[pos]))
        {
            return HeaderLineStatus.Bad;
        }

        // field-name = token, then optional SP/HTAB, then ':' (one scan instead of finding ':' and checking the name).
        var line = s[pos..contentEnd];
        var nameLength = line.IndexOfAnyExcept(SipCharacters.Token);
        if (nameLength <= 0)
        {
            return HeaderLineStatus.Bad; // empty name, or a line of token characters only (no colon)
        }

        var colon = nameLength;
        while (colon < line.Length && SipCharacters.IsWsp(line[colon]))
        {
            colon++;
        }

        if (colon == line.Length || line[colon] != ':')
        {
            return HeaderLineStatus.Bad;
        }

        name = line[..nameLength];
        valueStart = pos + colon + 1;
        valueEnd = contentEnd;
        return HeaderLineStatus.Header;
    }
}
