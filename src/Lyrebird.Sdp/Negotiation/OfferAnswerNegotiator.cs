using Lyrebird.Sdp.Model;

namespace Lyrebird.Sdp.Negotiation;

/// <summary>
/// RFC 3264 offer/answer for one leg of a call, as a pure state machine (after pjmedia's <c>sdp_neg</c>). The INVITE
/// dialog uses it and does not copy its states. It checks answers against offers and tracks the active local/remote
/// SDPs and hold; rewriting and filtering are <see cref="OfferAnswer"/>'s job.
/// <code>
///                SetLocalOffer                 SetRemoteAnswer
///   Idle/Done ─────────────────► LocalOffer ─────────────────────┐
///       │  ▲                        │ CancelOffer                 ▼
///       │  └────────────────────────┘                     WaitingToNegotiate ──Negotiate──► Done
///       │        SetRemoteOffer                 SetLocalAnswer    ▲
///       └──────────────────────► RemoteOffer ────────────────────┘
///                                   │ CancelOffer ──► back to Idle/Done (the previous session stays, RFC 3261 §14)
/// </code>
/// A rejected answer (see <see cref="OfferAnswer.CheckAnswer"/>) leaves the state unchanged, so the owner can
/// cancel the offer and end or repair the session. Not thread-safe: owned by the call.
/// </summary>
public sealed class OfferAnswerNegotiator
{
    public OfferAnswerState State { get; private set; } = OfferAnswerState.Idle;

    /// <summary>Our SDP of the last completed exchange.</summary>
    public SessionDescription? ActiveLocal { get; private set; }

    /// <summary>The other side's SDP of the last completed exchange.</summary>
    public SessionDescription? ActiveRemote { get; private set; }

    /// <summary>The offer of the exchange in progress (ours in LocalOffer, theirs in RemoteOffer).</summary>
    public SessionDescription? PendingOffer { get; private set; }

    /// <summary>The answer of the exchange in progress (in WaitingToNegotiate).</summary>
    public SessionDescription? PendingAnswer { get; private set; }

    /// <summary>Whether the pending exchange was offered by us.</summary>
    public bool IsLocalOfferer { get; private set; }

    /// <summary>The other side holds the call: its last negotiated offer was a hold (<see cref="OfferAnswer.IsHold"/>). A sendrecv re-offer resumes.</summary>
    public bool IsHeldByRemote { get; private set; }

    /// <summary>We hold the call: our last negotiated offer was a hold.</summary>
    public bool IsHeldByLocal { get; private set; }

    public SdpCheck SetLocalOffer(SessionDescription offer) => StartOffer(offer, local: true);

    public SdpCheck SetRemoteOffer(SessionDescription offer) => StartOffer(offer, local: false);

    /// <summary>Our answer to the remote offer; checked against it.</summary>
    public SdpCheck SetLocalAnswer(SessionDescription answer) => SetAnswer(answer, local: true);

    /// <summary>The other side's answer to our offer; checked against it.</summary>
    public SdpCheck SetRemoteAnswer(SessionDescription answer) => SetAnswer(answer, local: false);

    /// <summary>Makes the pending offer and answer the active session.</summary>
    public SdpCheck Negotiate()
    {
        if (State != OfferAnswerState.WaitingToNegotiate)
        {
            return InvalidState("negotiate");
        }

        var offer = PendingOffer!;
        var answer = PendingAnswer!;
        ActiveLocal = IsLocalOfferer ? offer : answer;
        ActiveRemote = IsLocalOfferer ? answer : offer;
        if (IsLocalOfferer)
        {
            IsHeldByLocal = OfferAnswer.IsHold(offer);
        }
        else
        {
            IsHeldByRemote = OfferAnswer.IsHold(offer);
        }

        PendingOffer = null;
        PendingAnswer = null;
        State = OfferAnswerState.Done;
        return SdpCheck.Ok;
    }

    /// <summary>
    /// Abandons the exchange in progress (the offer was refused, e.g. 488 or 491 to a re-INVITE, or its answer was
    /// invalid): back to Done with the previous session, or Idle if there was none.
    /// </summary>
    public SdpCheck CancelOffer()
    {
        if (State is OfferAnswerState.Idle or OfferAnswerState.Done)
        {
            return InvalidState("cancel an offer");
        }

        PendingOffer = null;
        PendingAnswer = null;
        State = ActiveLocal is null ? OfferAnswerState.Idle : OfferAnswerState.Done;
        return SdpCheck.Ok;
    }

    private SdpCheck StartOffer(SessionDescription offer, bool local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (State is not (OfferAnswerState.Idle or OfferAnswerState.Done))
        {
            // RFC 3261 §14.1/§14.2: no new offer while one is outstanding (the dialog answers 491 / 500).
            return InvalidState(local ? "send an offer" : "accept an offer");
        }

        PendingOffer = offer;
        IsLocalOfferer = local;
        State = local ? OfferAnswerState.LocalOffer : OfferAnswerState.RemoteOffer;
        return SdpCheck.Ok;
    }

    private SdpCheck SetAnswer(SessionDescription answer, bool local)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var expected = local ? OfferAnswerState.RemoteOffer : OfferAnswerState.LocalOffer;
        if (State != expected)
        {
            return InvalidState(local ? "send an answer" : "accept an answer");
        }

        var check = OfferAnswer.CheckAnswer(PendingOffer!, answer);
        if (!check.IsOk)
        {
            return check;
        }

        PendingAnswer = answer;
        State = OfferAnswerState.WaitingToNegotiate;
        return SdpCheck.Ok;
    }

    private SdpCheck InvalidState(string action) => SdpCheck.Fail(SdpErrorKind.InvalidState, $"cannot {action} in state {State}");
}
