using Lyrebird.Sip.Headers;

namespace Lyrebird.Sip.Messages;

/// <summary>Builds responses to requests per RFC 3261 §8.2.6.</summary>
public static class SipResponseFactory
{
    /// <summary>
    /// A response that copies Via (all, in order), From, To, Call-ID and CSeq from the request (§8.2.6.2). When the
    /// request's To has no tag and the status is not 100, <paramref name="toTag"/> (or a new tag) is added.
    /// </summary>
    public static SipResponse Create(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        var response = new SipResponse(statusCode, reasonPhrase);
        var headers = response.Headers;
        headers.CopyFrom(request.Headers, HeaderId.Via);
        headers.CopyFrom(request.Headers, HeaderId.From);
        if (request.Headers.TryGetFirst(HeaderId.To, out var to))
        {
            if (statusCode != SipStatusCodes.Trying && SipNameAddress.TryParse(to.RawValue.Span, out var toAddress) && toAddress.Tag is null)
            {
                toAddress.Tag = toTag ?? SipIds.NewTag();
                headers.Add(HeaderId.To, toAddress.ToString());
            }
            else
            {
                headers.Add(to);
            }
        }

        headers.CopyFrom(request.Headers, HeaderId.CallId);
        headers.CopyFrom(request.Headers, HeaderId.CSeq);
        if (statusCode == SipStatusCodes.Trying)
        {
            headers.CopyFrom(request.Headers, HeaderId.Timestamp); // §8.2.6.1
        }

        return response;
    }
}
