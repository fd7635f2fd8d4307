using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Parsing;

/// <summary>
/// What the parser made of some bytes: a message, or a reason to reject them. Never an exception.
/// For a rejected request whose routing headers survived, <see cref="Salvage"/> holds what did parse, so that a
/// stateless error response can copy Via/From/To/Call-ID/CSeq (RFC 3261 §8.2.6.2).
/// </summary>
public readonly struct SipParseResult
{
    private SipParseResult(SipMessage? message, SipRejectReason reason, HeaderId header, SipRequest? salvage, bool isResponse)
    {
        Message = message;
        Reason = reason;
        Header = header;
        Salvage = salvage;
        IsResponse = isResponse;
    }

    public bool IsOk => Message is not null;

    public SipMessage? Message { get; }

    public SipRejectReason Reason { get; }

    /// <summary>The header at fault, when the reason is about one header.</summary>
    public HeaderId Header { get; }

    /// <summary>A rejected request's start line and the headers that parsed, or null when nothing usable survived.</summary>
    public SipRequest? Salvage { get; }

    /// <summary>The input looked like a response (those are dropped, never answered).</summary>
    public bool IsResponse { get; }

    public static SipParseResult Ok(SipMessage message) => new(message, SipRejectReason.None, HeaderId.Unknown, null, !message.IsRequest);

    public static SipParseResult Rejected(SipRejectReason reason, HeaderId header = HeaderId.Unknown, SipRequest? salvage = null, bool isResponse = false) =>
        new(null, reason, header, salvage, isResponse);

    public override string ToString() => IsOk ? $"Ok {Message}" : $"Rejected {Reason} {Header}";
}
