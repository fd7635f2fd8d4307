using System.Globalization;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transactions;

/// <summary>
/// What identifies a server transaction (RFC 3261 §17.2.3). When the top Via branch carries the magic cookie: the branch,
/// the sent-by of the top Via and the method (ACK counted as INVITE). Otherwise (RFC 2543 peers): Request-URI, To tag,
/// From tag, Call-ID, CSeq number and method, and the whole top Via; an INVITE's key has no To tag so that its ACK,
/// which carries the tag of our response, finds it (the layer then compares that tag separately).
/// </summary>
internal readonly record struct ServerTransactionKey(
    string? Branch,
    string? SentBy,
    string Method,
    string? RequestUri = null,
    string? FromTag = null,
    string? ToTag = null,
    string? CallId = null,
    uint CSeqNumber = 0,
    string? TopVia = null)
{
    public bool IsRfc2543 => Branch is null;

    /// <summary>The key of <paramref name="request"/> as the transaction for <paramref name="method"/> would hold it
    /// (pass INVITE to find the INVITE transaction of an ACK or a CANCEL).</summary>
    public static ServerTransactionKey For(SipRequest request, SipVia topVia, SipCSeq cseq, string method)
    {
        if (topVia.IsRfc3261Branch)
        {
            var sentBy = topVia.Host.ToLowerInvariant() + ":" + (topVia.Port?.ToString(CultureInfo.InvariantCulture) ?? "");
            return new ServerTransactionKey(topVia.Branch, sentBy, method);
        }

        return new ServerTransactionKey(
            Branch: null,
            SentBy: null,
            Method: method,
            RequestUri: request.RequestUri.ToString(),
            FromTag: request.FromTag,
            ToTag: method == SipMethods.Invite ? null : request.ToTag,
            CallId: request.CallId,
            CSeqNumber: cseq.Number,
            TopVia: request.Headers.GetFirstValue(HeaderId.Via));
    }
}
