using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Tests.Parsing;

/// <summary>What the parser makes of one RFC 4475 vector.</summary>
public sealed record Rfc4475Outcome(string Kind, SipRejectReason Reason = SipRejectReason.None, HeaderId Header = HeaderId.Unknown)
{
    public static Rfc4475Outcome Accepted { get; } = new("Accepted");

    public static Rfc4475Outcome Rejected(SipRejectReason reason, HeaderId header = HeaderId.Unknown) => new("Rejected", reason, header);

    public static Rfc4475Outcome DroppedResponse(SipRejectReason reason, HeaderId header = HeaderId.Unknown) => new("DroppedResponse", reason, header);

    public static Rfc4475Outcome Of(SipParseResult result) =>
        result.IsOk ? Accepted
        : result.IsResponse ? DroppedResponse(result.Reason, result.Header)
        : Rejected(result.Reason, result.Header);
}
