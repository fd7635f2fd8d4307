using Lyrebird.Sdp.Negotiation;

namespace Lyrebird.Sdp.Tests;

public sealed class OfferAnswerNegotiatorTests
{
    [Fact]
    public void Remote_offer_then_local_answer_then_negotiate_is_done()
    {
        var n = new OfferAnswerNegotiator();
        var offer = Sdps.Audio("0 8");
        var answer = Sdps.Audio("8", address: "198.51.100.1");
        Assert.True(n.SetRemoteOffer(offer).IsOk);
        Assert.Equal(OfferAnswerState.RemoteOffer, n.State);
        Assert.True(n.SetLocalAnswer(answer).IsOk);
        Assert.Equal(OfferAnswerState.WaitingToNegotiate, n.State);
        Assert.True(n.Negotiate().IsOk);
        Assert.Equal(OfferAnswerState.Done, n.State);
        Assert.Equal((answer, offer), (n.ActiveLocal, n.ActiveRemote));
        Assert.Null(n.PendingOffer);
    }

    [Fact]
    public void Local_offer_then_remote_answer_then_negotiate_is_done()
    {
        var n = new OfferAnswerNegotiator();
        var offer = Sdps.Audio("0 8", address: "198.51.100.1");
        var answer = Sdps.Audio("0");
        Assert.True(n.SetLocalOffer(offer).IsOk);
        Assert.Equal(OfferAnswerState.LocalOffer, n.State);
        Assert.True(n.SetRemoteAnswer(answer).IsOk);
        Assert.True(n.Negotiate().IsOk);
        Assert.Equal((offer, answer), (n.ActiveLocal, n.ActiveRemote));
    }

    [Fact]
    public void A_bad_answer_is_refused_and_leaves_the_offer_pending()
    {
        var n = new OfferAnswerNegotiator();
        n.SetLocalOffer(Sdps.Audio("0"));
        var check = n.SetRemoteAnswer(Sdps.Audio("3"));
        Assert.Equal(SdpErrorKind.AnswerCodecNotOffered, check.Error?.Kind);
        Assert.Equal(OfferAnswerState.LocalOffer, n.State);
    }

    [Fact]
    public void Out_of_order_calls_are_refused_with_the_state_named()
    {
        var n = new OfferAnswerNegotiator();
        Assert.Equal("cannot accept an answer in state Idle", n.SetRemoteAnswer(Sdps.Audio("0")).Error?.Message);
        Assert.Equal("cannot negotiate in state Idle", n.Negotiate().Error?.Message);
        n.SetLocalOffer(Sdps.Audio("0"));
        Assert.Equal("cannot accept an offer in state LocalOffer", n.SetRemoteOffer(Sdps.Audio("0")).Error?.Message);
        Assert.Equal("cannot send an answer in state LocalOffer", n.SetLocalAnswer(Sdps.Audio("0")).Error?.Message);
        Assert.Equal(SdpErrorKind.InvalidState, n.Negotiate().Error?.Kind);
    }

    [Fact]
    public void Cancelling_a_re_offer_keeps_the_previous_session()
    {
        var n = new OfferAnswerNegotiator();
        n.SetRemoteOffer(Sdps.Audio("0"));
        n.SetLocalAnswer(Sdps.Audio("0"));
        n.Negotiate();
        var active = n.ActiveRemote;
        n.SetLocalOffer(Sdps.Audio("8"));
        Assert.True(n.CancelOffer().IsOk);
        Assert.Equal(OfferAnswerState.Done, n.State);
        Assert.Same(active, n.ActiveRemote);
    }

    [Fact]
    public void Cancelling_the_first_offer_returns_to_idle()
    {
        var n = new OfferAnswerNegotiator();
        n.SetLocalOffer(Sdps.Audio("0"));
        Assert.True(n.CancelOffer().IsOk);
        Assert.Equal(OfferAnswerState.Idle, n.State);
        Assert.False(n.CancelOffer().IsOk);
    }

    [Fact]
    public void Remote_hold_and_resume_are_tracked_after_negotiation()
    {
        var n = new OfferAnswerNegotiator();
        void Exchange(string offerLines, string answerLines)
        {
            Assert.True(n.SetRemoteOffer(Sdps.Audio("0", offerLines)).IsOk);
            Assert.True(n.SetLocalAnswer(Sdps.Audio("0", answerLines)).IsOk);
            Assert.True(n.Negotiate().IsOk);
        }

        Exchange("", "");
        Assert.False(n.IsHeldByRemote);
        Exchange("a=sendonly\n", "a=recvonly\n");
        Assert.True(n.IsHeldByRemote);
        Assert.False(n.IsHeldByLocal);
        Exchange("a=sendrecv\n", "a=sendrecv\n");
        Assert.False(n.IsHeldByRemote);
    }

    [Fact]
    public void Rfc2543_hold_re_offer_counts_as_hold()
    {
        var n = new OfferAnswerNegotiator();
        n.SetRemoteOffer(Sdps.Audio("0", address: "0.0.0.0"));
        n.SetLocalAnswer(Sdps.Audio("0"));
        n.Negotiate();
        Assert.True(n.IsHeldByRemote);
    }

    [Fact]
    public void Local_hold_is_tracked_from_our_offers()
    {
        var n = new OfferAnswerNegotiator();
        n.SetLocalOffer(Sdps.Audio("0", "a=inactive\n"));
        n.SetRemoteAnswer(Sdps.Audio("0", "a=inactive\n"));
        n.Negotiate();
        Assert.True(n.IsHeldByLocal);
        Assert.False(n.IsHeldByRemote);
    }
}
