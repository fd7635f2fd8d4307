using Lyrebird.Sip.Messages;
using static Lyrebird.Sip.Transactions.Tests.TestMessages;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>RFC 3261 §17.2.2.</summary>
public sealed class ServerNonInviteTransactionTests
{
    private static readonly SipTimers Timers = SipTimers.Default;

    private static (ServerNonInviteTransaction Tx, MachineHarness Wire, SipRequest Request) Start(bool reliable = false)
    {
        var wire = new MachineHarness();
        var request = Options(transport: reliable ? "TCP" : "UDP");
        var tx = new ServerNonInviteTransaction(request, reliable, Timers, wire);
        wire.Fire = tx.OnTimer;
        return (tx, wire, request);
    }

    [Fact]
    public void Server_non_INVITE_discards_request_retransmissions_in_Trying()
    {
        var (tx, wire, _) = Start();

        tx.OnRequestRetransmission();

        Assert.Empty(wire.Sent);
        Assert.Equal(ServerNonInviteState.Trying, tx.State);
    }

    [Fact]
    public void Server_non_INVITE_retransmits_last_response_on_request_retransmission()
    {
        var (tx, wire, request) = Start();
        tx.SendResponse(Response(request, 100));
        tx.OnRequestRetransmission();
        Assert.Equal(2, wire.SentResponses(100).Count());

        tx.SendResponse(Response(request, 200));
        tx.OnRequestRetransmission();
        tx.OnRequestRetransmission();

        Assert.Equal(3, wire.SentResponses(200).Count());
        Assert.Equal(2, wire.SentResponses(100).Count());
        Assert.Equal(ServerNonInviteState.Completed, tx.State);
    }

    [Fact]
    public void Server_non_INVITE_over_UDP_terminates_on_Timer_J_64_T1_after_final_response()
    {
        var (tx, wire, request) = Start();
        tx.SendResponse(Response(request, 200));

        wire.Advance(Timers.TimerJ - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ServerNonInviteState.Completed, tx.State);
        wire.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(ServerNonInviteState.Terminated, tx.State);
        Assert.Equal(["terminated"], wire.Tu);
    }

    [Fact]
    public void Server_non_INVITE_over_reliable_transport_terminates_at_once_because_Timer_J_is_zero()
    {
        var (tx, wire, request) = Start(reliable: true);

        tx.SendResponse(Response(request, 200));

        Assert.Equal(ServerNonInviteState.Terminated, tx.State);
        Assert.Single(wire.SentResponses(200));
    }

    [Fact]
    public void Server_non_INVITE_discards_further_final_responses_from_the_TU_in_Completed()
    {
        var (tx, wire, request) = Start();
        tx.SendResponse(Response(request, 200));

        tx.SendResponse(Response(request, 500));

        Assert.Empty(wire.SentResponses(500));
    }

    [Fact]
    public void Server_non_INVITE_reports_transport_error_to_the_TU_and_terminates()
    {
        var (tx, wire, request) = Start();
        tx.SendResponse(Response(request, 200));

        tx.OnTransportError();

        Assert.Equal(ServerNonInviteState.Terminated, tx.State);
        Assert.Equal(["transport-error", "terminated"], wire.Tu);
        Assert.Empty(wire.ActiveTimers);
    }
}
