using System.Net;
using System.Reflection;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Lyrebird.Sip.Transactions.Tests.TestMessages;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>The layer: matching (RFC 3261 §17.1.3, §17.2.3, §9.2, §8.2.2.2), real timers from a TimeProvider, sends
/// through ISipMessageSender, TU callbacks.</summary>
public sealed class TransactionLayerTests : IDisposable
{
    private static readonly SipFlow Udp = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060));
    private static readonly SipFlow Tcp = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40000), 7);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeSender _sender = new();
    private readonly RecordingUser _user = new();
    private readonly TransactionLayer _layer;

    public TransactionLayerTests() => _layer = new TransactionLayer(_sender, _user, _time);

    public void Dispose() => _layer.Dispose();

    /// <summary>Advances the fake clock in small steps so that timers restarted from a callback are scheduled from
    /// their own firing time.</summary>
    private void Advance(TimeSpan total)
    {
        var step = TimeSpan.FromMilliseconds(50);
        for (var done = TimeSpan.Zero; done < total; done += step)
        {
            _time.Advance(step < total - done ? step : total - done);
        }
    }

    [Fact]
    public void New_request_is_passed_to_the_TU_and_its_response_is_sent_back_on_the_request_flow()
    {
        var options = Options();
        _layer.OnMessage(options, Udp);
        var tx = Assert.Single(_user.Requests);

        tx.Respond(Response(options, 200));

        var (message, flow) = Assert.Single(_sender.Sent);
        Assert.Equal(200, ((SipResponse)message).StatusCode);
        Assert.Equal(Udp, flow);
        Assert.Equal(ServerNonInviteState.Completed, tx.NonInviteState);
    }

    [Fact]
    public void Retransmitted_request_is_absorbed_and_gets_the_last_response_again()
    {
        var options = Options();
        _layer.OnMessage(options, Udp);
        _user.Requests[0].Respond(Response(options, 200));

        _layer.OnMessage(Options(), Udp);

        Assert.Single(_user.Requests);
        Assert.Equal(2, _sender.Responses(200).Count());
    }

    [Fact]
    public void Request_with_same_branch_but_different_sent_by_is_a_different_transaction()
    {
        _layer.OnMessage(Request(SipMethods.Options, sentBy: "192.0.2.10:5060"), Udp);
        _layer.OnMessage(Request(SipMethods.Options, sentBy: "192.0.2.99:5060", fromTag: "other"), Udp);

        Assert.Equal(2, _user.Requests.Count);
    }

    [Fact]
    public void Server_INVITE_sends_100_Trying_from_a_TimeProvider_timer_after_200ms()
    {
        _layer.OnMessage(Invite(), Udp);

        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Empty(_sender.Sent);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Single(_sender.Responses(100));
    }

    [Fact]
    public void TU_response_given_from_inside_OnRequest_is_sent_after_the_callback_returns()
    {
        _user.OnRequestHook = (tx, request) =>
        {
            tx.Respond(Response(request, 180));
            Assert.Empty(_sender.Sent); // queued, not re-entered
        };

        _layer.OnMessage(Invite(), Udp);

        Assert.Single(_sender.Responses(180));
    }

    [Fact]
    public void Response_is_matched_to_the_client_transaction_by_branch_and_CSeq_method()
    {
        var invite = Invite(branch: "z9hG4bKclient1");
        var tx = _layer.SendRequest(invite, Udp);

        _layer.OnMessage(Response(invite, 180), Udp);
        var otherBranch = Response(Invite(branch: "z9hG4bKclient2"), 180);
        _layer.OnMessage(otherBranch, Udp);
        var cancelResponse = Response(Request(SipMethods.Cancel, branch: "z9hG4bKclient1"), 200);
        _layer.OnMessage(cancelResponse, Udp); // same branch, CSeq method CANCEL: not the INVITE's

        Assert.Equal(["response 180"], _user.Events);
        Assert.Equal(ClientInviteState.Proceeding, tx.InviteState);
    }

    [Fact]
    public void Client_INVITE_is_retransmitted_on_Timer_A_from_TimeProvider_and_times_out_on_Timer_B()
    {
        var tx = _layer.SendRequest(Invite(), Udp);

        Advance(_layer.Timers.TimerB);

        Assert.Equal(7, _sender.Requests(SipMethods.Invite).Count()); // 0, .5, 1.5, 3.5, 7.5, 15.5, 31.5 s
        Assert.Equal(["timeout B", "terminated INVITE"], _user.Events);
        Assert.True(tx.IsTerminated);
        Assert.Equal(0, _layer.ClientTransactionCount);
    }

    [Fact]
    public void Client_transactions_over_reliable_transport_send_once()
    {
        _layer.SendRequest(Invite(transport: "TCP"), Tcp);
        _layer.SendRequest(Options(branch: "z9hG4bKopt", transport: "TCP"), Tcp);

        Advance(TimeSpan.FromSeconds(40));

        Assert.Equal(2, _sender.Sent.Count);
        Assert.All(_sender.Sent, s => Assert.Equal(Tcp, s.Flow));
    }

    [Fact]
    public void Unmatched_2xx_to_INVITE_is_passed_to_the_TU_as_a_stray_response_and_other_unmatched_responses_are_dropped()
    {
        _layer.OnMessage(Response(Invite(branch: "z9hG4bKgone"), 200), Udp);
        _layer.OnMessage(Response(Invite(branch: "z9hG4bKgone"), 486), Udp);
        _layer.OnMessage(Response(Options(branch: "z9hG4bKgone"), 200), Udp);

        Assert.Equal(["stray-response 200"], _user.Events);
    }

    [Fact]
    public void ACK_for_non_2xx_is_absorbed_by_the_INVITE_server_transaction_and_ACK_for_2xx_goes_to_the_TU()
    {
        var invite = Invite(branch: "z9hG4bKinv");
        _layer.OnMessage(invite, Udp);
        var tx = _user.Requests[0];
        var busy = Response(invite, 486);
        tx.Respond(busy);

        _layer.OnMessage(AckFor(invite, busy), Udp);
        var ackFor2xx = Request(SipMethods.Ack, branch: "z9hG4bKnewbranch", toTag: "x");
        _layer.OnMessage(ackFor2xx, Udp);

        Assert.Equal(ServerInviteState.Confirmed, tx.InviteState);
        Assert.Equal(["request INVITE", "stray-ack"], _user.Events);
        Assert.Same(ackFor2xx, Assert.Single(_user.StrayAcks));
    }

    [Fact]
    public void CANCEL_is_matched_to_its_INVITE_server_transaction_and_exposed_to_the_TU()
    {
        var invite = Invite(branch: "z9hG4bKcancelme");
        _layer.OnMessage(invite, Udp);
        var cancel = Request(SipMethods.Cancel, branch: "z9hG4bKcancelme");

        _layer.OnMessage(cancel, Udp);

        var (cancelTx, inviteTx) = Assert.Single(_user.Cancels);
        Assert.Same(_user.Requests[0], inviteTx);
        Assert.Same(cancel, cancelTx.Request);
        cancelTx.Respond(Response(cancel, 200));
        inviteTx.Respond(Response(invite, 487));
        Assert.Single(_sender.Responses(200));
        Assert.Single(_sender.Responses(487));
        Assert.Equal(ServerInviteState.Completed, inviteTx.InviteState);
    }

    [Fact]
    public void CANCEL_matching_no_INVITE_is_answered_481_by_the_layer()
    {
        _layer.OnMessage(Request(SipMethods.Cancel, branch: "z9hG4bKnothing"), Udp);

        Assert.Single(_sender.Responses(481));
        Assert.Empty(_user.Events);
    }

    [Fact]
    public void Merged_request_is_answered_482_Loop_Detected_by_the_layer()
    {
        // The same request forked back to us over two paths: same From tag, Call-ID, CSeq, no To tag, other branch.
        _layer.OnMessage(Request(SipMethods.Invite, branch: "z9hG4bKpath1"), Udp);
        var merged = Request(SipMethods.Invite, branch: "z9hG4bKpath2", sentBy: "192.0.2.20:5060");

        _layer.OnMessage(merged, Udp);
        _layer.OnMessage(Request(SipMethods.Invite, branch: "z9hG4bKpath2", sentBy: "192.0.2.20:5060"), Udp); // its retransmission

        Assert.Single(_user.Requests);
        var loops = _sender.Responses(482).ToList();
        Assert.Equal(2, loops.Count); // sent once, then again for the retransmission
        Assert.Equal("z9hG4bKpath2", loops[0].TopVia!.Branch);
    }

    [Fact]
    public void Request_inside_a_dialog_is_not_checked_for_merging()
    {
        _layer.OnMessage(Request(SipMethods.Bye, branch: "z9hG4bKb1", toTag: "t"), Udp);
        _layer.OnMessage(Request(SipMethods.Bye, branch: "z9hG4bKb2", toTag: "t"), Udp);

        Assert.Equal(2, _user.Requests.Count);
        Assert.Empty(_sender.Responses(482));
    }

    [Fact]
    public void RFC_2543_request_without_magic_cookie_is_matched_on_Request_URI_tags_Call_ID_CSeq_and_top_Via()
    {
        var first = Request(SipMethods.Options, branch: "");
        _layer.OnMessage(first, Udp);
        _user.Requests[0].Respond(Response(first, 200));

        _layer.OnMessage(Request(SipMethods.Options, branch: ""), Udp); // retransmission
        _layer.OnMessage(Request(SipMethods.Options, branch: "", cseq: 2), Udp); // new request

        Assert.Equal(2, _user.Requests.Count);
        Assert.Equal(2, _sender.Responses(200).Count());
    }

    [Fact]
    public void RFC_2543_ACK_matches_the_INVITE_when_its_To_tag_equals_the_response_tag()
    {
        var invite = Request(SipMethods.Invite, branch: "1");
        _layer.OnMessage(invite, Udp);
        var tx = _user.Requests[0];
        var busy = Response(invite, 486, toTag: "ours");
        tx.Respond(busy);

        _layer.OnMessage(Request(SipMethods.Ack, branch: "1", toTag: "someone-else", cseqMethod: SipMethods.Ack), Udp);
        Assert.Equal(ServerInviteState.Completed, tx.InviteState);
        _layer.OnMessage(Request(SipMethods.Ack, branch: "1", toTag: "ours", cseqMethod: SipMethods.Ack), Udp);

        Assert.Equal(ServerInviteState.Confirmed, tx.InviteState);
        Assert.Equal(["request INVITE", "stray-ack"], _user.Events);
    }

    [Fact]
    public void Transport_error_on_send_is_reported_to_the_TU_and_terminates_the_transaction()
    {
        _sender.Fail = true;

        var tx = _layer.SendRequest(Options(), Udp);

        Assert.True(tx.IsTerminated);
        Assert.Equal(["transport-error", "terminated OPTIONS"], _user.Events);
        Assert.Equal(0, _layer.ClientTransactionCount);
    }

    [Fact]
    public void Server_transaction_leaves_the_table_on_Timer_J_and_a_late_retransmission_is_a_new_request()
    {
        var options = Options();
        _layer.OnMessage(options, Udp);
        _user.Requests[0].Respond(Response(options, 200));
        Assert.Equal(1, _layer.ServerTransactionCount);

        Advance(_layer.Timers.TimerJ);
        _layer.OnMessage(Options(), Udp);

        Assert.Equal(2, _user.Requests.Count);
        Assert.Contains("terminated OPTIONS", _user.Events);
    }

    [Fact]
    public void SendCancel_builds_the_CANCEL_of_RFC_3261_9_1_once_a_provisional_response_arrived()
    {
        var invite = Invite(branch: "z9hG4bKtocancel");
        var tx = _layer.SendRequest(invite, Udp);
        Assert.Null(_layer.SendCancel(tx)); // still Calling: MUST NOT send yet
        _layer.OnMessage(Response(invite, 180), Udp);

        var cancelTx = _layer.SendCancel(tx);

        Assert.NotNull(cancelTx);
        var cancel = Assert.Single(_sender.Requests(SipMethods.Cancel));
        Assert.Same(invite.RequestUri, cancel.RequestUri);
        Assert.Equal("z9hG4bKtocancel", cancel.TopVia!.Branch);
        Assert.Equal(new SipCSeq(1, SipMethods.Cancel), cancel.CSeq);
        Assert.Equal(invite.Headers.GetFirstValue(HeaderId.To), cancel.Headers.GetFirstValue(HeaderId.To));
        _layer.OnMessage(Response(cancel, 200), Udp);
        Assert.Equal(ClientNonInviteState.Completed, cancelTx.NonInviteState);
        Assert.Equal(ClientInviteState.Proceeding, tx.InviteState);
    }

    [Fact]
    public void SendRequest_rejects_ACK_and_requests_without_an_RFC_3261_branch()
    {
        Assert.Throws<ArgumentException>(() => _layer.SendRequest(Request(SipMethods.Ack), Udp));
        Assert.Throws<ArgumentException>(() => _layer.SendRequest(Request(SipMethods.Options, branch: "old"), Udp));
    }

    [Fact]
    public void Log_event_ids_are_unique_and_in_the_transaction_range()
    {
        var ids = typeof(TransactionLog).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => a.EventId)
            .ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 2000, 2099));
    }
}
