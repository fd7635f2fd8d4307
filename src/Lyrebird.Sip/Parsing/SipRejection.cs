using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Parsing;

/// <summary>The one place that maps a <see cref="SipRejectReason"/> to a status line. Reason phrases name the
/// header at fault and never echo input bytes.</summary>
public static class SipRejection
{
    public static (int Status, string Reason) Describe(SipRejectReason reason, HeaderId header)
    {
        var name = header == HeaderId.Unknown ? null : KnownHeaders.NameOf(header);
        return reason switch
        {
            SipRejectReason.UnsupportedSipVersion => (SipStatusCodes.VersionNotSupported, "Version Not Supported"),
            SipRejectReason.MessageTooLarge => (SipStatusCodes.MessageTooLarge, "Message Too Large"),
            SipRejectReason.InvalidContentLength => (SipStatusCodes.BadRequest, "Bad Content-Length Header"),
            SipRejectReason.ContentLengthExceedsDatagram => (SipStatusCodes.BadRequest, "Content-Length Exceeds Message"),
            SipRejectReason.MissingHeaderTerminator => (SipStatusCodes.BadRequest, "Missing Empty Line After Headers"),
            SipRejectReason.InvalidStartLine => (SipStatusCodes.BadRequest, "Bad Request-Line"),
            SipRejectReason.InvalidRequestUri => (SipStatusCodes.BadRequest, "Bad Request-URI"),
            SipRejectReason.InvalidHeaderLine => (SipStatusCodes.BadRequest, "Bad Header Line"),
            SipRejectReason.MalformedHeaderValue or SipRejectReason.ValueOutOfRange =>
                (SipStatusCodes.BadRequest, name is null ? "Bad Header" : $"Bad {name} Header"),
            SipRejectReason.TooManyHeaders => (SipStatusCodes.BadRequest, name is null ? "Too Many Headers" : $"Too Many {name} Headers"),
            SipRejectReason.MissingRequiredHeader => (SipStatusCodes.BadRequest, name is null ? "Missing Header" : $"Missing {name} Header"),
            SipRejectReason.DuplicateSingletonHeader => (SipStatusCodes.BadRequest, name is null ? "Duplicate Header" : $"Multiple {name} Headers"),
            SipRejectReason.CSeqMethodMismatch => (SipStatusCodes.BadRequest, "CSeq Method Does Not Match Request Method"),
            _ => (SipStatusCodes.BadRequest, "Bad Request"),
        };
    }
}
