using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using static Lyrebird.Sip.Transactions.Tests.TestMessages;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>RFC 3261 §17.1.1 with RFC 6026 §7.2.</summary>
public sealed class ClientInviteTransactionTests
{
    private static readonly SipTimers Timers = SipTimers.Default;

    private static (ClientInviteTransaction Tx, MachineHarness Wire, SipRequest Invite) Start(bool reliable = false)
    {
        var wire = new MachineHarness();
        var invite = Invite(transport: reliable ? "TCP" : "UDP");
        var tx = new ClientInviteTransaction(invite, reliable, Timers, wire);
        wire.Fire = tx.OnTimer;
        tx.Start();
        return (tx, wire, invite);
    }

    [Fact]
    public void Client_INVITE_over_UDP_retransmits_on_Timer_A_doubling_each_time()
    {
        var (tx, wire, _) = Start();

        wire.Advance(Timers.TimerB - TimeSpan.FromMilliseconds(1));

        var times = wire.SendTimes(m => m is SipRequest { Method: SipMethods.Invite });
        var intervals = times.Zip(times.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal([0.5, 1, 2, 4, 8, 16], intervals.Select(i => i.TotalSeconds));
        Assert.Equal(ClientInviteState.Calling, tx.State);
    }

    [Fact]
    public void Client_INVITE_times_out_on_Timer_B_after_64_T1()
    {
        var (tx, wire, _) = Start();

        wire.Advance(64 * Timers.T1 - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ClientInviteState.Calling, tx.State);
        wire.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ClientInviteState.Terminated, tx.State);
        Assert.Equal(["timeout B", "terminated"], wire.Tu);
        Assert.Empty(wire.ActiveTimers);
    }

    [Fact]
    public void Client_INVITE_over_reliable_transport_does_not_retransmit_and_still_times_out_on_Timer_B()
    {
        var (tx, wire, _) = Start(reliable: true);

        Assert.False(wire.IsRunning(SipTimer.A));
        wire.Advance(Timers.TimerB);

        Assert.Single(wire.SentRequests(SipMethods.Invite));
        Assert.Equal(ClientInviteState.Terminated, tx.State);
        Assert.Equal(["timeout B", "terminated"], wire.Tu);
    }

    [Fact]
    public void Client_INVITE_stops_retransmitting_on_provisional_response_and_enters_Proceeding()
    {
        var (tx, wire, invite) = Start();
        wire.Advance(TimeSpan.FromMilliseconds(600)); // one retransmission

        tx.OnResponse(Response(invite, 180));
        wire.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(ClientInviteState.Proceeding, tx.State);
        Assert.Equal(2, wire.SentRequests(SipMethods.Invite).Count());
        Assert.Equal(["response 180"], wire.Tu);
    }

    [Fact]
    public void Client_INVITE_sends_ACK_for_non_2xx_and_absorbs_retransmitted_final_responses_in_Completed()
    {
        var (tx, wire, invite) = Start();
        var busy = Response(invite, 486, toTag: "uas-tag");

        tx.OnResponse(busy);
        tx.OnResponse(busy);
        tx.OnResponse(busy);

        Assert.Equal(ClientInviteState.Completed, tx.State);
        Assert.Equal(["response 486"], wire.Tu);
        var acks = wire.SentRequests(SipMethods.Ack).ToList();
        Assert.Equal(3, acks.Count);
        var ack = acks[0];
        // §17.1.1.3: same Request-URI, Call-ID, From, top Via; To of the response; CSeq number with method ACK.
        Assert.Same(invite.RequestUri, ack.RequestUri);
        Assert.Equal(invite.CallId, ack.CallId);
        Assert.Equal(invite.Headers.GetFirstValue(HeaderId.From), ack.Headers.GetFirstValue(HeaderId.From));
        Assert.Equal(invite.Headers.GetFirstValue(HeaderId.Via), ack.Headers.GetFirstValue(HeaderId.Via));
        Assert.Equal(1, ack.Headers.CountOf(HeaderId.Via));
        Assert.Equal("uas-tag", ack.ToTag);
        Assert.Equal(new SipCSeq(1, SipMethods.Ack), ack.CSeq);
    }

    [Fact]
    public void Client_INVITE_over_UDP_terminates_on_Timer_D_32s_after_a_non_2xx_response()
    {
        var (tx, wire, invite) = Start();
        tx.OnResponse(Response(invite, 503));

        wire.Advance(TimeSpan.FromSeconds(32) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ClientInviteState.Completed, tx.State);
        wire.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ClientInviteState.Terminated, tx.State);
        Assert.Equal(["response 503", "terminated"], wire.Tu);
    }

    [Fact]
    public void Client_INVITE_over_reliable_transport_terminates_at_once_after_non_2xx_because_Timer_D_is_zero()
    {
        var (tx, wire, invite) = Start(reliable: true);

        tx.OnResponse(Response(invite, 404));

        Assert.Equal(ClientInviteState.Terminated, tx.State);
        Assert.Single(wire.SentRequests(SipMethods.Ack));
        Assert.Equal(["response 404", "terminated"], wire.Tu);
    }

    [Fact]
    public void Client_INVITE_enters_Accepted_on_2xx_and_passes_2xx_retransmissions_to_the_TU_RFC_6026()
    {
        var (tx, wire, invite) = Start();
        var ok = Response(invite, 200);

        tx.OnResponse(ok);
        tx.OnResponse(ok);
        tx.OnResponse(Response(invite, 486)); // not an arrow out of Accepted: discarded

        Assert.Equal(ClientInviteState.Accepted, tx.State);
        Assert.Equal(["response 200", "response 200"], wire.Tu);
        Assert.Empty(wire.SentRequests(SipMethods.Ack)); // the ACK for a 2xx is the TU's
        Assert.False(wire.IsRunning(SipTimer.A));
    }

    [Fact]
    public void Client_INVITE_terminates_on_Timer_M_64_T1_after_entering_Accepted()
    {
        var (tx, wire, invite) = Start(reliable: true);
        tx.OnResponse(Response(invite, 200));

        Assert.Equal(Timers.TimerM, wire.DueIn(SipTimer.M));
        wire.Advance(Timers.TimerM);

        Assert.Equal(ClientInviteState.Terminated, tx.State);
        Assert.Equal(["response 200", "terminated"], wire.Tu);
    }

    [Fact]
    public void Client_INVITE_reports_transport_error_to_the_TU_and_terminates()
    {
        var (tx, wire, _) = Start();

        tx.OnTransportError();
        wire.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(ClientInviteState.Terminated, tx.State);
        Assert.Equal(["transport-error", "terminated"], wire.Tu);
        Assert.Single(wire.SentRequests(SipMethods.Invite));
    }
}
