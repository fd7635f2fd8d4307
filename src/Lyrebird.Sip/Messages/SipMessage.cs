using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Messages;

/// <summary>
/// A SIP request or response (RFC 3261 §7). Header values are kept as UTF-8 bytes (slices of the received buffer for
/// parsed messages); typed views (<see cref="TopVia"/>, <see cref="CSeq"/>, …) are parsed from them on demand.
/// </summary>
/// <remarks>Not thread-safe: a message is owned by one logical thread at a time.</remarks>
public abstract class SipMessage
{
    protected SipMessage(SipHeaderCollection headers, ReadOnlyMemory<byte> body)
    {
        Headers = headers;
        Body = body;
    }

    public SipHeaderCollection Headers { get; }

    /// <summary>The message body; its length is what Content-Length says once written.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    public abstract bool IsRequest { get; }

    /// <summary>"SIP/2.0". Anything else is rejected by the parser (505).</summary>
    public string Version { get; init; } = "SIP/2.0";

    public string? CallId => Headers.GetFirstValue(HeaderId.CallId)?.Trim();

    /// <summary>The topmost Via value, parsed; null when missing or malformed.</summary>
    public SipVia? TopVia => Headers.TryGetFirst(HeaderId.Via, out var h) && SipVia.TryParse(h.RawValue.Span, out var via) ? via : null;

    public SipCSeq? CSeq => Headers.TryGetFirst(HeaderId.CSeq, out var h) && SipCSeq.TryParse(h.RawValue.Span, out var cseq) ? cseq : null;

    public SipNameAddress? From => Headers.TryGetFirst(HeaderId.From, out var h) && SipNameAddress.TryParse(h.RawValue.Span, out var na) ? na : null;

    public SipNameAddress? To => Headers.TryGetFirst(HeaderId.To, out var h) && SipNameAddress.TryParse(h.RawValue.Span, out var na) ? na : null;

    public string? FromTag => From?.Tag;

    public string? ToTag => To?.Tag;

    /// <summary>Max-Forwards value, or null when the header is absent.</summary>
    public int? MaxForwards =>
        Headers.GetFirstValue(HeaderId.MaxForwards) is { } v && int.TryParse(v.Trim(), System.Globalization.NumberStyles.None, null, out var n) ? n : null;
}
