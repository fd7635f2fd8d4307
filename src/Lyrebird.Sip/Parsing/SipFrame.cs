using System.Buffers;
using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Parsing;

/// <summary>The outcome of one <see cref="SipFramer.TryFrame"/> call (see there for which members are set when).</summary>
public readonly struct SipFrame
{
    internal SipFrame(SipFrameKind kind, ReadOnlySequence<byte> message, ReadOnlySequence<byte> headerSection, SequencePosition consumed,
        SipRejectReason reason, HeaderId header)
    {
        Kind = kind;
        Message = message;
        HeaderSection = headerSection;
        Consumed = consumed;
        Reason = reason;
        Header = header;
    }

    public SipFrameKind Kind { get; }

    /// <summary>The message's bytes (a slice of the input) when <see cref="Kind"/> is <see cref="SipFrameKind.Message"/>;
    /// leading CRLFs are not included.</summary>
    public ReadOnlySequence<byte> Message { get; }

    /// <summary>Start line and headers including the terminating empty line, when they were found: set for a framed
    /// message and for InvalidData caused by Content-Length (so the caller can salvage a request to answer); empty when
    /// the header section itself was too large.</summary>
    public ReadOnlySequence<byte> HeaderSection { get; }

    /// <summary>Where the caller should advance to: past the message or ping on Done, the start of the input otherwise
    /// (NeedMoreData consumes nothing; on InvalidData the stream cannot be resynchronised and must be closed).</summary>
    public SequencePosition Consumed { get; }

    /// <summary>Why the input was rejected (InvalidData only).</summary>
    public SipRejectReason Reason { get; }

    /// <summary>The header at fault for <see cref="Reason"/>, when there is one (Content-Length).</summary>
    public HeaderId Header { get; }
}
