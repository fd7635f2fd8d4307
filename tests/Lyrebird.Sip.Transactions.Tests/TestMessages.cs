using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Uris;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>Requests and responses built in code (no parser involved).</summary>
internal static class TestMessages
{
    public static SipRequest Request(
        string method,
        string branch = "z9hG4bKtest1",
        string transport = "UDP",
        string sentBy = "192.0.2.10:5060",
        string fromTag = "from1",
        string? toTag = null,
        string callId = "call-1@192.0.2.10",
        uint cseq = 1,
        string? cseqMethod = null,
        string requestUri = "sip:bob@example.test")
    {
        var request = new SipRequest(method, SipUri.Parse(requestUri));
        var via = $"SIP/2.0/{transport} {sentBy}" + (branch.Length > 0 ? $";branch={branch}" : "");
        request.Headers.Add(HeaderId.Via, via);
        request.Headers.Add(HeaderId.MaxForwards, "70");
        request.Headers.Add(HeaderId.From, $"<sip:alice@example.test>;tag={fromTag}");
        request.Headers.Add(HeaderId.To, "<sip:bob@example.test>" + (toTag is null ? "" : $";tag={toTag}"));
        request.Headers.Add(HeaderId.CallId, callId);
        request.Headers.Add(HeaderId.CSeq, $"{cseq} {cseqMethod ?? method}");
        return request;
    }

    public static SipRequest Invite(string branch = "z9hG4bKtest1", string transport = "UDP") => Request(SipMethods.Invite, branch, transport);

    public static SipRequest Options(string branch = "z9hG4bKtest1", string transport = "UDP") => Request(SipMethods.Options, branch, transport);

    public static SipResponse Response(SipRequest request, int status, string toTag = "to1") => SipResponseFactory.Create(request, status, toTag: toTag);

    /// <summary>The ACK a UAC sends for a non-2xx final response (same branch as the INVITE, To with the response's tag).</summary>
    public static SipRequest AckFor(SipRequest invite, SipResponse response) => SipRequestFactory.CreateAckForNonSuccess(invite, response);
}
