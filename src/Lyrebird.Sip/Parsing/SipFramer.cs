using System.Buffers;
using System.Text;
using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Parsing;

/// <summary>
/// Finds where one SIP message ends in a byte stream (RFC 3261 §7.5, §18.3): skips CRLFs before a message, finds the
/// empty line ending the header section and reads Content-Length (long or compact <c>l</c> form, any case), which a
/// stream transport requires. Also recognises the RFC 5626 §4.4.1 CRLFCRLF keep-alive ping. Does no I/O and never
/// throws for any input; parsing the framed bytes is <see cref="SipMessageParser"/>'s job.
/// </summary>
/// <remarks>
/// <para>Leading CRLF handling: a buffer starting with CRLFCRLF is a ping (Done, 4 bytes consumed); a single CRLF
/// followed by anything else is skipped. A buffer holding only <c>CR</c>, <c>CRLF</c> or <c>CRLF CR</c> is
/// NeedMoreData (it may still become a ping).</para>
/// <para>Lines must end in CRLF here (bare LF is not accepted as the header terminator on streams).</para>
/// <para>Limits: the header section (start line, headers and the empty line) may not exceed
/// <see cref="SipLimits.MaxHeaderSectionBytes"/>, and header section plus body may not exceed
/// <see cref="SipLimits.MaxMessageBytes"/>; both give <see cref="SipRejectReason.MessageTooLarge"/>, the second as soon
/// as the headers have arrived. A Content-Length that is not 1*DIGIT (negative, signed, empty, junk), that does not
/// fit in an <see cref="int"/>, or that differs between two Content-Length headers gives
/// <see cref="SipRejectReason.InvalidContentLength"/>; a missing one gives
/// <see cref="SipRejectReason.MissingRequiredHeader"/> with <see cref="HeaderId.ContentLength"/>.</para>
/// </remarks>
public static class SipFramer
{
    private static ReadOnlySpan<byte> HeaderTerminator => "\r\n\r\n"u8;

    /// <summary>Frames the first message (or keep-alive ping) of <paramref name="buffer"/>.</summary>
    /// <returns><see cref="OperationStatus.Done"/> with <see cref="SipFrame.Kind"/> Message or KeepAlivePing;
    /// <see cref="OperationStatus.NeedMoreData"/> (nothing consumed: every proper prefix of a message gives this);
    /// <see cref="OperationStatus.InvalidData"/> with a <see cref="SipFrame.Reason"/> (the stream must be closed).</returns>
    public static OperationStatus TryFrame(in ReadOnlySequence<byte> buffer, SipLimits limits, out SipFrame frame)
    {
        var reader = new SequenceReader<byte>(buffer);

        // RFC 3261 §7.5: CRLFs before a start line are ignored. RFC 5626 §4.4.1: CRLFCRLF is a keep-alive ping.
        while (reader.TryPeek(out var first) && first == (byte)'\r')
        {
            if (!reader.TryPeek(1, out var second))
            {
                return NeedMore(buffer, out frame);
            }

            if (second != (byte)'\n')
            {
                break;
            }

            if (!reader.TryPeek(2, out var third))
            {
                return NeedMore(buffer, out frame);
            }

            if (third == (byte)'\r')
            {
                if (!reader.TryPeek(3, out var fourth))
                {
                    return NeedMore(buffer, out frame);
                }

                if (fourth == (byte)'\n')
                {
                    reader.Advance(4);
                    frame = new SipFrame(SipFrameKind.KeepAlivePing, default, default, reader.Position, SipRejectReason.None, HeaderId.Unknown);
                    return OperationStatus.Done;
                }
            }

            reader.Advance(2);
        }

        if (reader.End)
        {
            return NeedMore(buffer, out frame);
        }

        var rest = buffer.Slice(reader.Position);
        var window = rest.Length > limits.MaxHeaderSectionBytes ? rest.Slice(0, limits.MaxHeaderSectionBytes) : rest;
        var headerReader = new SequenceReader<byte>(window);
        if (!headerReader.TryReadTo(out ReadOnlySequence<byte> _, HeaderTerminator, advancePastDelimiter: true))
        {
            return rest.Length >= limits.MaxHeaderSectionBytes
                ? Invalid(buffer, SipRejectReason.MessageTooLarge, HeaderId.Unknown, default, out frame)
                : NeedMore(buffer, out frame);
        }

        var headerSection = window.Slice(0, headerReader.Position);
        var (outcome, contentLength) = ReadContentLength(headerSection);
        switch (outcome)
        {
            case ContentLengthOutcome.Missing:
                return Invalid(buffer, SipRejectReason.MissingRequiredHeader, HeaderId.ContentLength, headerSection, out frame);
            case ContentLengthOutcome.Invalid:
                return Invalid(buffer, SipRejectReason.InvalidContentLength, HeaderId.ContentLength, headerSection, out frame);
        }

        var total = headerSection.Length + contentLength;
        if (total > limits.MaxMessageBytes)
        {
            return Invalid(buffer, SipRejectReason.MessageTooLarge, HeaderId.Unknown, headerSection, out frame);
        }

        if (rest.Length < total)
        {
            return NeedMore(buffer, out frame);
        }

        var message = rest.Slice(0, total);
        frame = new SipFrame(SipFrameKind.Message, message, headerSection, message.End, SipRejectReason.None, HeaderId.Unknown);
        return OperationStatus.Done;
    }

    private static OperationStatus NeedMore(in ReadOnlySequence<byte> buffer, out SipFrame frame)
    {
        frame = new SipFrame(SipFrameKind.None, default, default, buffer.Start, SipRejectReason.None, HeaderId.Unknown);
        return OperationStatus.NeedMoreData;
    }

    private static OperationStatus Invalid(in ReadOnlySequence<byte> buffer, SipRejectReason reason, HeaderId header,
        ReadOnlySequence<byte> headerSection, out SipFrame frame)
    {
        frame = new SipFrame(SipFrameKind.None, default, headerSection, buffer.Start, reason, header);
        return OperationStatus.InvalidData;
    }

    private enum ContentLengthOutcome : byte
    {
        Found,
        Missing,
        Invalid,
    }

    private static (ContentLengthOutcome Outcome, long Value) ReadContentLength(in ReadOnlySequence<byte> headerSection)
    {
        if (headerSection.IsSingleSegment)
        {
            return ReadContentLength(headerSection.FirstSpan);
        }

        var length = (int)headerSection.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            headerSection.CopyTo(rented);
            return ReadContentLength(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Scans header lines (after the start line) for Content-Length / l. Folded continuation lines
    /// (starting with SP or HTAB) belong to the header above them.</summary>
    private static (ContentLengthOutcome Outcome, long Value) ReadContentLength(ReadOnlySpan<byte> headers)
    {
        var found = false;
        long value = 0;

        var lineEnd = headers.IndexOf("\r\n"u8);
        var position = lineEnd + 2; // skip the start line
        while (position < headers.Length)
        {
            var line = headers[position..];
            var length = line.IndexOf("\r\n"u8);
            if (length <= 0)
            {
                break; // the empty line ending the header section
            }

            var headerEnd = position + length;
            // Extend over continuation lines.
            while (headerEnd + 2 < headers.Length && headers[headerEnd + 2] is (byte)' ' or (byte)'\t')
            {
                var next = headers[(headerEnd + 2)..].IndexOf("\r\n"u8);
                if (next < 0)
                {
                    break;
                }

                headerEnd += 2 + next;
            }

            var field = headers[position..headerEnd];
            position = headerEnd + 2;
            if (field[0] is (byte)' ' or (byte)'\t')
            {
                continue; // a continuation with no header above it: the parser will reject the message
            }

            var colon = field.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = field[..colon].TrimEnd(" \t"u8);
            if (!IsContentLengthName(name))
            {
                continue;
            }

            if (!TryParseLength(field[(colon + 1)..], out var parsed))
            {
                return (ContentLengthOutcome.Invalid, 0);
            }

            if (found && parsed != value)
            {
                return (ContentLengthOutcome.Invalid, 0);
            }

            found = true;
            value = parsed;
        }

        return found ? (ContentLengthOutcome.Found, value) : (ContentLengthOutcome.Missing, 0);
    }

    private static bool IsContentLengthName(ReadOnlySpan<byte> name) =>
        (name.Length == 1 && (name[0] | 0x20) == 'l') || (name.Length == 14 && Ascii.EqualsIgnoreCase(name, "Content-Length"u8));

    /// <summary>Content-Length = 1*DIGIT (RFC 3261 §20.14), surrounded by LWS; at most <see cref="int.MaxValue"/>.</summary>
    private static bool TryParseLength(ReadOnlySpan<byte> value, out long length)
    {
        length = 0;
        value = value.Trim(" \t\r\n"u8);
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            length = (length * 10) + (b - '0');
            if (length > int.MaxValue)
            {
                return false;
            }
        }

        return true;
    }
}
