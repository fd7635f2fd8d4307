namespace Lyrebird.Sdp.Negotiation;

/// <summary>The states of <see cref="OfferAnswerNegotiator"/>, after pjmedia's <c>pjmedia_sdp_neg_state</c>.</summary>
public enum OfferAnswerState
{
    /// <summary>No offer has been made or received yet.</summary>
    Idle,

    /// <summary>We sent an offer and wait for the answer.</summary>
    LocalOffer,

    /// <summary>We received an offer and owe an answer.</summary>
    RemoteOffer,

    /// <summary>Offer and answer are both known and checked; <see cref="OfferAnswerNegotiator.Negotiate"/> makes them active.</summary>
    WaitingToNegotiate,

    /// <summary>An offer/answer exchange completed; a new one may start (re-INVITE, UPDATE).</summary>
    Done,
}
