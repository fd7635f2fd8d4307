namespace Lyrebird.Sip.Parsing;

/// <summary>What <see cref="HeaderLineReader.Next"/> found.</summary>
internal enum HeaderLineStatus : byte
{
    /// <summary>A header field (possibly folded over several lines).</summary>
    Header,

    /// <summary>The empty line ending the header section; the reader's position is the body start.</summary>
    End,

    /// <summary>The data ended right after a complete line, without the empty line.</summary>
    EndOfData,

    /// <summary>The data ended in the middle of a line.</summary>
    Truncated,

    /// <summary>A line without a colon, with a bad name, or a continuation with no header before it.</summary>
    Bad,
}
