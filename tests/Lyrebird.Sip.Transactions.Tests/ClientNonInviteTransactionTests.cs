using Lyrebird.Sip.Messages;
using static Lyrebird.Sip.Transactions.Tests.TestMessages;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>RFC 3261 §17.1.2.</summary>
public sealed class ClientNonInviteTransactionTests
{
    private static readonly SipTimers Timers = SipTimers.Default;

    private static (ClientNonInviteTransaction Tx, MachineHarness Wire, SipRequest Request) Start(bool reliable = false)
    {
        var wire = new MachineHarness();
        var request = Options(transport: reliable ? "TCP" : "UDP");
        var tx = new ClientNonInviteTransaction(request, reliable, Timers, wire);
        wire.Fire = tx.OnTimer;
        tx.Start();
        return (tx, wire, request);
    }

    private static double[] Intervals(MachineHarness wire)
    {
        var times = wire.SendTimes(m => m is SipRequest);
        return times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToArray();
    }

    [Fact]
    public void Client_non_INVITE_over_UDP_retransmits_on_Timer_E_doubling_up_to_T2()
    {
        var (tx, wire, _) = Start();

        wire.Advance(Timers.TimerF - TimeSpan.FromMilliseconds(1));

        Assert.Equal([0.5, 1, 2, 4, 4, 4, 4, 4, 4, 4], Intervals(wire));
        Assert.Equal(ClientNonInviteState.Trying, tx.State);
    }

    [Fact]
    public void Client_non_INVITE_in_Proceeding_retransmits_every_T2()
    {
        var (tx, wire, request) = Start();
        wire.Advance(TimeSpan.FromMilliseconds(100));
        tx.OnResponse(Response(request, 100));

        wire.Advance(TimeSpan.FromSeconds(12));

        Assert.Equal(ClientNonInviteState.Proceeding, tx.State);
        // First E was armed in Trying (T1); once in Proceeding it is reset to T2 each time.
        Assert.Equal([0.5, 4, 4], Intervals(wire));
    }

    [Fact]
    public void Client_non_INVITE_times_out_on_Timer_F_after_64_T1()
    {
        var (tx, wire, _) = Start();

        wire.Advance(Timers.TimerF - TimeSpan.FromMilliseconds(1));
        Assert.Empty(wire.Tu);
        wire.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ClientNonInviteState.Terminated, tx.State);
        Assert.Equal(["timeout F", "terminated"], wire.Tu);
    }

    [Fact]
    public void Client_non_INVITE_absorbs_response_retransmissions_in_Completed_and_terminates_on_Timer_K_after_T4()
    {
        var (tx, wire, request) = Start();
        var ok = Response(request, 200);

        tx.OnResponse(ok);
        tx.OnResponse(ok);
        wire.Advance(Timers.T4 - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ClientNonInviteState.Completed, tx.State);
        wire.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ClientNonInviteState.Terminated, tx.State);
        Assert.Equal(["response 200", "terminated"], wire.Tu);
        Assert.Single(wire.SentRequests(SipMethods.Options));
    }

    [Fact]
    public void Client_non_INVITE_over_reliable_transport_does_not_retransmit_and_terminates_at_once_because_Timer_K_is_zero()
    {
        var (tx, wire, request) = Start(reliable: true);
        Assert.False(wire.IsRunning(SipTimer.E));
        wire.Advance(TimeSpan.FromSeconds(10));

        tx.OnResponse(Response(request, 200));

        Assert.Single(wire.SentRequests(SipMethods.Options));
        Assert.Equal(ClientNonInviteState.Terminated, tx.State);
        Assert.Equal(["response 200", "terminated"], wire.Tu);
    }

    [Fact]
    public void Client_non_INVITE_reports_transport_error_to_the_TU_and_terminates()
    {
        var (tx, wire, _) = Start();

        tx.OnTransportError();

        Assert.Equal(ClientNonInviteState.Terminated, tx.State);
        Assert.Equal(["transport-error", "terminated"], wire.Tu);
        Assert.Empty(wire.ActiveTimers);
    }
}
