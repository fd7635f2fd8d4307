using Lyrebird.Sip.Messages;
using static Lyrebird.Sip.Transactions.Tests.TestMessages;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>RFC 3261 §17.2.1 with RFC 6026 §7.1.</summary>
public sealed class ServerInviteTransactionTests
{
    private static readonly SipTimers Timers = SipTimers.Default;

    private static (ServerInviteTransaction Tx, MachineHarness Wire, SipRequest Invite) Start(bool reliable = false)
    {
        var wire = new MachineHarness();
        var invite = Invite(transport: reliable ? "TCP" : "UDP");
        var tx = new ServerInviteTransaction(invite, reliable, Timers, wire);
        wire.Fire = tx.OnTimer;
        tx.Start();
        return (tx, wire, invite);
    }

    [Fact]
    public void Server_INVITE_sends_100_Trying_after_200ms_without_TU_response()
    {
        var (tx, wire, _) = Start();

        wire.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Empty(wire.Sent);
        wire.Advance(TimeSpan.FromMilliseconds(1));

        var trying = Assert.Single(wire.SentResponses(100));
        Assert.Null(trying.ToTag); // §8.2.6.1: no To tag on 100
        Assert.Equal(ServerInviteState.Proceeding, tx.State);
    }

    [Fact]
    public void Server_INVITE_does_not_send_100_Trying_when_the_TU_responds_within_200ms()
    {
        var (tx, wire, invite) = Start();

        wire.Advance(TimeSpan.FromMilliseconds(150));
        tx.SendResponse(Response(invite, 180));
        wire.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(wire.SentResponses(100));
        Assert.Single(wire.SentResponses(180));
    }

    [Fact]
    public void Server_INVITE_over_UDP_retransmits_final_response_on_Timer_G_capped_at_T2()
    {
        var (tx, wire, invite) = Start();
        tx.SendResponse(Response(invite, 486));

        wire.Advance(Timers.TimerH - TimeSpan.FromMilliseconds(1));

        var times = wire.SendTimes(m => m is SipResponse { StatusCode: 486 });
        var intervals = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToArray();
        Assert.Equal([0.5, 1, 2, 4, 4, 4, 4, 4, 4, 4], intervals);
        Assert.Equal(ServerInviteState.Completed, tx.State);
    }

    [Fact]
    public void Server_INVITE_absorbs_ACK_for_non_2xx_and_enters_Confirmed()
    {
        var (tx, wire, invite) = Start();
        var busy = Response(invite, 486);
        tx.SendResponse(busy);

        tx.OnAck(AckFor(invite, busy));
        wire.Advance(TimeSpan.FromSeconds(2)); // Timer G would have fired twice

        Assert.Equal(ServerInviteState.Confirmed, tx.State);
        Assert.Empty(wire.Tu); // the ACK never reaches the TU
        Assert.Single(wire.SentResponses(486));
        Assert.False(wire.IsRunning(SipTimer.H));
    }

    [Fact]
    public void Server_INVITE_absorbs_ACK_retransmissions_in_Confirmed_and_terminates_on_Timer_I_after_T4()
    {
        var (tx, wire, invite) = Start();
        var busy = Response(invite, 486);
        tx.SendResponse(busy);
        tx.OnAck(AckFor(invite, busy));

        tx.OnAck(AckFor(invite, busy));
        wire.Advance(Timers.T4 - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ServerInviteState.Confirmed, tx.State);
        wire.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ServerInviteState.Terminated, tx.State);
        Assert.Equal(["terminated"], wire.Tu);
    }

    [Fact]
    public void Server_INVITE_times_out_on_Timer_H_64_T1_without_ACK()
    {
        var (tx, wire, invite) = Start(reliable: true);
        tx.SendResponse(Response(invite, 603));

        wire.Advance(Timers.TimerH - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ServerInviteState.Completed, tx.State);
        wire.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ServerInviteState.Terminated, tx.State);
        Assert.Equal(["timeout H", "terminated"], wire.Tu);
    }

    [Fact]
    public void Server_INVITE_retransmits_last_provisional_response_on_INVITE_retransmission_in_Proceeding()
    {
        var (tx, wire, invite) = Start();
        tx.OnRequestRetransmission(); // nothing sent yet: nothing to resend
        Assert.Empty(wire.Sent);
        tx.SendResponse(Response(invite, 180));

        tx.OnRequestRetransmission();

        Assert.Equal(2, wire.SentResponses(180).Count());
        Assert.Equal(ServerInviteState.Proceeding, tx.State);
    }

    [Fact]
    public void Server_INVITE_retransmits_final_response_on_INVITE_retransmission_in_Completed()
    {
        var (tx, wire, invite) = Start();
        tx.SendResponse(Response(invite, 486));

        tx.OnRequestRetransmission();

        Assert.Equal(2, wire.SentResponses(486).Count());
    }

    [Fact]
    public void Server_INVITE_in_Accepted_absorbs_retransmitted_INVITE()
    {
        var (tx, wire, invite) = Start();
        tx.SendResponse(Response(invite, 200));

        tx.OnRequestRetransmission();
        tx.OnRequestRetransmission();

        Assert.Equal(ServerInviteState.Accepted, tx.State);
        Assert.Single(wire.SentResponses(200)); // RFC 6026 §7.1: 2xx retransmission is the TU's job
        Assert.Empty(wire.Tu);
    }

    [Fact]
    public void Server_INVITE_in_Accepted_sends_the_TUs_2xx_retransmissions_and_passes_ACK_to_the_TU()
    {
        var (tx, wire, invite) = Start();
        var ok = Response(invite, 200);
        tx.SendResponse(ok);

        wire.Advance(Timers.T1);
        Assert.Single(wire.SentResponses(200)); // no Timer G for 2xx
        tx.SendResponse(ok);
        tx.OnAck(AckFor(invite, ok));

        Assert.Equal(2, wire.SentResponses(200).Count());
        Assert.Equal(["ack"], wire.Tu);
    }

    [Fact]
    public void Server_INVITE_terminates_on_Timer_L_64_T1_after_entering_Accepted()
    {
        var (tx, wire, invite) = Start();
        tx.SendResponse(Response(invite, 200));

        wire.Advance(Timers.TimerL - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ServerInviteState.Accepted, tx.State);
        wire.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ServerInviteState.Terminated, tx.State);
        Assert.Equal(["terminated"], wire.Tu);
    }

    [Fact]
    public void Server_INVITE_over_reliable_transport_does_not_retransmit_and_terminates_on_ACK_because_Timer_I_is_zero()
    {
        var (tx, wire, invite) = Start(reliable: true);
        var busy = Response(invite, 486);
        tx.SendResponse(busy);
        Assert.False(wire.IsRunning(SipTimer.G));
        wire.Advance(TimeSpan.FromSeconds(10));

        tx.OnAck(AckFor(invite, busy));

        Assert.Single(wire.SentResponses(486));
        Assert.Equal(ServerInviteState.Terminated, tx.State);
    }

    [Fact]
    public void Server_INVITE_discards_a_second_final_response_from_the_TU()
    {
        var (tx, wire, invite) = Start();
        tx.SendResponse(Response(invite, 486));

        tx.SendResponse(Response(invite, 200));

        Assert.Empty(wire.SentResponses(200));
        Assert.Equal(ServerInviteState.Completed, tx.State);
    }

    [Fact]
    public void Server_INVITE_reports_transport_error_to_the_TU_and_terminates()
    {
        var (tx, wire, invite) = Start();
        tx.SendResponse(Response(invite, 486));

        tx.OnTransportError();
        wire.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(ServerInviteState.Terminated, tx.State);
        Assert.Equal(["transport-error", "terminated"], wire.Tu);
        Assert.Single(wire.SentResponses(486));
    }
}
