using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.UserAgent.Dialogs;

/// <summary>
/// A dialog's identity (RFC 3261 §12): Call-ID, local tag and remote tag, seen from this side. Tags compare
/// case-sensitively (they are tokens we or the peer generated, §19.3); the Call-ID compares case-sensitively (§20.8).
/// </summary>
public readonly record struct DialogId(string CallId, string LocalTag, string RemoteTag)
{
    /// <summary>The dialog an inbound request belongs to: our tag is the request's To tag, theirs its From tag
    /// (§12.2.2). Null when the request has no Call-ID, no To tag or no From tag (it is outside any dialog).</summary>
    public static DialogId? ForInboundRequest(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.CallId is { Length: > 0 } callId && request.ToTag is { } local && request.FromTag is { } remote
            ? new DialogId(callId, local, remote)
            : null;
    }

    /// <summary>The dialog a response to one of our requests belongs to: our tag is the From tag, theirs the To tag.</summary>
    public static DialogId? ForInboundResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.CallId is { Length: > 0 } callId && response.FromTag is { } local && response.ToTag is { } remote
            ? new DialogId(callId, local, remote)
            : null;
    }

    public override string ToString() => $"{CallId};local={LocalTag};remote={RemoteTag}";
}
