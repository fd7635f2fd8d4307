using System.Globalization;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transactions;

/// <summary>Requests the transaction layer builds from another request: the ACK for a non-2xx final response
/// (RFC 3261 §17.1.1.3) and CANCEL (§9.1). Header values are copied as received, so no header is re-parsed.</summary>
internal static class SipRequestFactory
{
    /// <summary>
    /// §17.1.1.3: Request-URI, Call-ID, From and the top Via of the INVITE; To of the response (it carries the tag);
    /// CSeq number of the INVITE with method ACK; the INVITE's Route headers.
    /// </summary>
    public static SipRequest CreateAckForNonSuccess(SipRequest invite, SipResponse response)
    {
        var ack = new SipRequest(SipMethods.Ack, invite.RequestUri);
        CopyTopVia(invite, ack);
        ack.Headers.Add(HeaderId.MaxForwards, "70");
        ack.Headers.CopyFrom(invite.Headers, HeaderId.From);
        if (response.Headers.TryGetFirst(HeaderId.To, out var to))
        {
            ack.Headers.Add(to);
        }
        else
        {
            ack.Headers.CopyFrom(invite.Headers, HeaderId.To);
        }

        ack.Headers.CopyFrom(invite.Headers, HeaderId.CallId);
        AddCSeq(invite, ack, SipMethods.Ack);
        ack.Headers.CopyFrom(invite.Headers, HeaderId.Route);
        return ack;
    }

    /// <summary>§9.1: Request-URI, Call-ID, To, From, CSeq number and top Via of the request; method CANCEL; the
    /// request's Route headers.</summary>
    public static SipRequest CreateCancel(SipRequest request)
    {
        var cancel = new SipRequest(SipMethods.Cancel, request.RequestUri);
        CopyTopVia(request, cancel);
        cancel.Headers.Add(HeaderId.MaxForwards, "70");
        cancel.Headers.CopyFrom(request.Headers, HeaderId.From);
        cancel.Headers.CopyFrom(request.Headers, HeaderId.To);
        cancel.Headers.CopyFrom(request.Headers, HeaderId.CallId);
        AddCSeq(request, cancel, SipMethods.Cancel);
        cancel.Headers.CopyFrom(request.Headers, HeaderId.Route);
        return cancel;
    }

    private static void CopyTopVia(SipRequest from, SipRequest to)
    {
        if (from.Headers.TryGetFirst(HeaderId.Via, out var via))
        {
            to.Headers.Add(via);
        }
    }

    private static void AddCSeq(SipRequest from, SipRequest to, string method)
    {
        var number = from.CSeq?.Number ?? 0;
        to.Headers.Add(HeaderId.CSeq, number.ToString(CultureInfo.InvariantCulture) + " " + method);
    }
}
