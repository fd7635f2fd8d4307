using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Messages;

/// <summary>A SIP response: Status-Line (RFC 3261 §7.2), headers and body.</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string? reasonPhrase = null, SipHeaderCollection? headers = null, ReadOnlyMemory<byte> body = default)
        : base(headers ?? new SipHeaderCollection(), body)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipStatusCodes.DefaultReason(statusCode);
    }

    /// <summary>100–699.</summary>
    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public override bool IsRequest => false;

    public override string ToString() => $"{StatusCode} {ReasonPhrase}";
}
