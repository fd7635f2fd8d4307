using System.Net;
using Lyrebird.Core.Calls;
using Lyrebird.Sdp.Model;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;

namespace Lyrebird.Core.Tests.Calls;

/// <summary>Calls between extensions through the in-process PBX: the caller's and callee's phones are scripted, every
/// message goes through the real parser, transaction layer, PBX signalling and call code. Each test ends by checking
/// that the call left nothing behind.</summary>
public sealed class CallTests : IDisposable
{
    private readonly InProcessPbx _pbx = new();
    private readonly TestPhone _alice;
    private readonly TestPhone _bob;

    public CallTests()
    {
        _pbx.Users.Add("200", "alice-secret", displayName: "Alice");
        _pbx.Users.Add("201", "bob-secret");
        _pbx.Users.Add("202", "carol-secret");
        _alice = new TestPhone(_pbx, "200", "alice-secret", new IPEndPoint(IPAddress.Parse("127.0.0.10"), 5070));
        _bob = new TestPhone(_pbx, "201", "bob-secret", new IPEndPoint(IPAddress.Parse("127.0.0.11"), 5072));
        _alice.Register();
        _bob.Register();
    }

    public void Dispose() => _pbx.Dispose();

    /// <summary>Alice calls Bob; Bob rings and answers; Alice ACKs. Returns the INVITE Bob received.</summary>
    private SipRequest Connect()
    {
        _alice.Call("201");
        Assert.Equal([100], _alice.Inbox().OfType<SipResponse>().Select(r => r.StatusCode));
        var invite = _bob.Single<SipRequest>("INVITE");
        _bob.Respond(invite, 180);
        Assert.Equal(180, _alice.Single<SipResponse>().StatusCode);
        _bob.Respond(invite, 200, TestPhone.Sdp(_bob.Address, 31000));
        Assert.Equal(SipMethods.Ack, _bob.Single<SipRequest>().Method);
        var ok = _alice.Single<SipResponse>(status: 200);
        _lastOk = ok;
        _alice.AckAnswer(ok);
        Assert.Equal(CallState.Connected, Assert.Single(_pbx.Signaling.Calls.Calls).State);
        return invite;
    }

    /// <summary>Lets every transaction run out its timers, then checks that no call, dialog, transaction, timer-driven
    /// retransmission or relay port is left.</summary>
    private void AssertNothingLeft()
    {
        for (var i = 0; i < 70; i++)
        {
            _pbx.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var calls = _pbx.Signaling.Calls;
        Assert.Equal(0, calls.CallCount);
        Assert.Equal(0, calls.Dialogs.Count);
        Assert.Equal(0, calls.TrackedTransactionCount);
        Assert.Equal(0, _pbx.Transactions.ClientTransactionCount);
        Assert.Equal(0, _pbx.Transactions.ServerTransactionCount);
        Assert.Equal(_pbx.PortPairCapacity, _pbx.PortPairsAvailable);
    }

    [Fact]
    public void Invite_without_credentials_gets_407_and_with_them_reaches_the_callee()
    {
        _alice.Invite("201");
        var challenge = _alice.Single<SipResponse>();
        Assert.Equal(407, challenge.StatusCode);
        Assert.Contains(challenge.Headers.GetAll(HeaderId.ProxyAuthenticate), h => h.Value.Contains("MD5", StringComparison.Ordinal));
        Assert.Empty(_bob.Inbox());

        _pbx.Deliver(TestPhone.AckFor(_alice.LastInvite!, challenge), _alice.Address);
        _alice.Invite("201", challenge: challenge.Headers.GetAll(HeaderId.ProxyAuthenticate).Last().Value);

        var invite = _bob.Single<SipRequest>("INVITE");
        Assert.Equal("sip:201@127.0.0.11:5072", invite.RequestUri.ToString());
        Assert.StartsWith("\"Alice\" <sip:200@127.0.0.1>;tag=", invite.Headers.GetFirstValue(HeaderId.From), StringComparison.Ordinal);
        Assert.NotEqual(_alice.LastInvite!.CallId, invite.CallId);
        Assert.Equal(69, invite.MaxForwards);

        _bob.Respond(invite, 486);
        AssertNothingLeftAfterCallerAck(486);
    }

    private void AssertNothingLeftAfterCallerAck(int status)
    {
        var final = _alice.Inbox().OfType<SipResponse>().Single(r => r.StatusCode >= 300);
        Assert.Equal(status, final.StatusCode);
        _pbx.Deliver(TestPhone.AckFor(_alice.LastInvite!, final), _alice.Address);
        AssertNothingLeft();
    }

    [Fact]
    public void Connected_call_anchors_both_legs_sdp_at_the_relay()
    {
        var invite = Connect();

        var offerToBob = TestPhone.Body(invite);
        var answerToAlice = TestPhone.Body(_lastOk!);
        Assert.Equal("127.0.0.1", offerToBob.Connection!.Address);
        Assert.NotEqual(30000, offerToBob.Media[0].Port);
        Assert.Equal("127.0.0.1", answerToAlice.Connection!.Address);
        Assert.NotEqual(offerToBob.Media[0].Port, answerToAlice.Media[0].Port);
        Assert.Equal(["0", "8", "101"], offerToBob.Media[0].Formats); // G729 was not offered; telephone-event kept
        Assert.Equal("lyrebird", offerToBob.Origin.Username);

        _alice.SendInDialog("BYE");
        _bob.Ok(_bob.Single<SipRequest>("BYE"));
        AssertNothingLeft();
    }

    private SipResponse? _lastOk;

    [Fact]
    public void Cancel_while_ringing_gives_487_to_the_caller_and_cancels_the_callee()
    {
        _alice.Call("201");
        var invite = _bob.Single<SipRequest>("INVITE");
        _bob.Respond(invite, 180);
        _alice.Inbox();

        _alice.Cancel();

        var toAlice = _alice.Inbox().OfType<SipResponse>().ToList();
        Assert.Contains(toAlice, r => r.StatusCode == 200 && r.CSeq!.Value.Method == SipMethods.Cancel);
        Assert.Contains(toAlice, r => r.StatusCode == 487);
        var cancel = _bob.Single<SipRequest>("CANCEL");
        _bob.Ok(cancel);
        _bob.Respond(invite, 487);
        Assert.Equal(SipMethods.Ack, _bob.Single<SipRequest>().Method);
        _pbx.Deliver(TestPhone.AckFor(_alice.LastInvite!, toAlice.Single(r => r.StatusCode == 487)), _alice.Address);
        AssertNothingLeft();
    }

    [Fact]
    public void Busy_callee_is_relayed_as_486()
    {
        _alice.Call("201");
        _bob.Respond(_bob.Single<SipRequest>("INVITE"), 486);

        AssertNothingLeftAfterCallerAck(486);
    }

    [Fact]
    public void Unknown_extension_gets_404()
    {
        _alice.Call("299");

        AssertNothingLeftAfterCallerAck(404);
    }

    [Fact]
    public void Extension_without_registered_contact_gets_480()
    {
        _alice.Call("202");

        AssertNothingLeftAfterCallerAck(480);
    }

    [Fact]
    public void No_answer_within_the_timeout_gives_480_and_cancels_the_callee()
    {
        _alice.Call("201");
        var invite = _bob.Single<SipRequest>("INVITE");
        _bob.Respond(invite, 180);
        _alice.Inbox();

        _pbx.Time.Advance(_pbx.Options.NoAnswerTimeout);

        var final = _alice.Single<SipResponse>();
        Assert.Equal(480, final.StatusCode);
        _bob.Ok(_bob.Single<SipRequest>("CANCEL"));
        _bob.Respond(invite, 487);
        _pbx.Deliver(TestPhone.AckFor(_alice.LastInvite!, final), _alice.Address);
        AssertNothingLeft();
    }

    [Fact]
    public void Bye_from_the_caller_is_answered_and_sent_to_the_callee()
    {
        Connect();

        _alice.SendInDialog("BYE");

        Assert.Equal(200, _alice.Single<SipResponse>().StatusCode);
        var bye = _bob.Single<SipRequest>("BYE");
        Assert.Equal(_bob.Dialog!.Id, new Sip.UserAgent.Dialogs.DialogId(bye.CallId!, bye.ToTag!, bye.FromTag!));
        _bob.Ok(bye);
        AssertNothingLeft();
    }

    [Fact]
    public void Bye_from_the_callee_is_answered_and_sent_to_the_caller()
    {
        Connect();

        _bob.SendInDialog("BYE");

        Assert.Equal(200, _bob.Single<SipResponse>().StatusCode);
        var bye = _alice.Single<SipRequest>("BYE");
        Assert.Equal(_alice.Dialog!.Id, new Sip.UserAgent.Dialogs.DialogId(bye.CallId!, bye.ToTag!, bye.FromTag!));
        _alice.Ok(bye);
        AssertNothingLeft();
    }

    [Fact]
    public void Update_hold_and_resume_from_the_callee_are_relayed_with_relay_sdp_both_ways()
    {
        Connect();

        foreach (var (offered, answered) in new[] { ("inactive", "inactive"), ("sendrecv", "sendrecv") })
        {
            _bob.SendInDialog("UPDATE", TestPhone.Sdp(_bob.Address, 31000, offered));
            var update = _alice.Single<SipRequest>("UPDATE");
            var offer = TestPhone.Body(update);
            Assert.Equal(offered, offer.EffectiveDirection(offer.Media[0]).ToAttributeName());
            Assert.Equal("127.0.0.1", offer.Connection!.Address);
            Assert.NotEqual(31000, offer.Media[0].Port); // Alice is told the relay's port, never Bob's
            _alice.Dialog!.CheckInboundRequest(update);
            var ok = SipResponseFactory.Create(update, 200);
            ok.Headers.Add(HeaderId.Contact, _alice.Contact);
            ok.Headers.Add(HeaderId.ContentType, "application/sdp");
            ok.Body = System.Text.Encoding.ASCII.GetBytes(TestPhone.Sdp(_alice.Address, 30000, answered));
            _pbx.Deliver(ok, _alice.Address);

            var toBob = _bob.Single<SipResponse>(status: 200);
            Assert.Equal(SipMethods.Update, toBob.CSeq!.Value.Method);
            var answer = TestPhone.Body(toBob);
            Assert.Equal(answered, answer.EffectiveDirection(answer.Media[0]).ToAttributeName());
            Assert.Equal("127.0.0.1", answer.Connection!.Address);
            Assert.NotEqual(30000, answer.Media[0].Port);
        }

        _alice.SendInDialog("BYE");
        _bob.Ok(_bob.Single<SipRequest>("BYE"));
        AssertNothingLeft();
    }

    [Fact]
    public void Reinvite_hold_and_resume_are_relayed_with_relay_sdp_both_ways()
    {
        Connect();

        foreach (var (offered, answered) in new[] { ("sendonly", "recvonly"), ("sendrecv", "sendrecv") })
        {
            _alice.SendInDialog("INVITE", _alice.Sdp(offered));
            var reinvite = _bob.Single<SipRequest>("INVITE");
            var offer = TestPhone.Body(reinvite);
            Assert.Equal(offered, offer.EffectiveDirection(offer.Media[0]).ToAttributeName());
            Assert.Equal("127.0.0.1", offer.Connection!.Address);
            _bob.Dialog!.CheckInboundRequest(reinvite);
            var ok = SipResponseFactory.Create(reinvite, 200);
            ok.Headers.Add(HeaderId.Contact, _bob.Contact);
            ok.Headers.Add(HeaderId.ContentType, "application/sdp");
            ok.Body = System.Text.Encoding.ASCII.GetBytes(TestPhone.Sdp(_bob.Address, 31000, answered));
            _pbx.Deliver(ok, _bob.Address);

            Assert.Equal(SipMethods.Ack, _bob.Single<SipRequest>().Method);
            var toAlice = _alice.Single<SipResponse>(status: 200);
            var answer = TestPhone.Body(toAlice);
            Assert.Equal(answered, answer.EffectiveDirection(answer.Media[0]).ToAttributeName());
            Assert.Equal("127.0.0.1", answer.Connection!.Address);
            _pbx.Deliver(_alice.Dialog!.CreateAck(toAlice.CSeq!.Value.Number, _alice.NewVia()), _alice.Address);
        }

        _bob.SendInDialog("BYE");
        _alice.Ok(_alice.Single<SipRequest>("BYE"));
        AssertNothingLeft();
    }

    [Fact]
    public void Info_is_relayed_and_its_response_comes_back()
    {
        Connect();

        _alice.SendInDialog("INFO", "Signal=5\r\nDuration=160\r\n", "application/dtmf-relay");

        var info = _bob.Single<SipRequest>("INFO");
        Assert.Equal("application/dtmf-relay", info.Headers.GetFirstValue(HeaderId.ContentType));
        Assert.Equal("Signal=5\r\nDuration=160\r\n", System.Text.Encoding.ASCII.GetString(info.Body.Span));
        _bob.Ok(info);
        Assert.Equal(200, _alice.Single<SipResponse>().StatusCode);

        _alice.SendInDialog("BYE");
        _bob.Ok(_bob.Single<SipRequest>("BYE"));
        AssertNothingLeft();
    }

    [Fact]
    public void Info_with_record_header_goes_to_the_recording_hook_not_the_other_party()
    {
        Connect();

        _alice.SendInDialog("INFO", edit: r => r.Headers.Add(HeaderId.Record, "on"));

        var response = _alice.Single<SipResponse>();
        Assert.Equal(501, response.StatusCode);
        Assert.Equal("Recording Not Available", response.ReasonPhrase);
        Assert.Empty(_bob.Inbox());

        _alice.SendInDialog("BYE");
        _bob.Ok(_bob.Single<SipRequest>("BYE"));
        AssertNothingLeft();
    }

    [Fact]
    public void Max_forwards_zero_gets_483()
    {
        _alice.Invite("201", maxForwards: 0);

        Assert.Equal(483, _alice.Single<SipResponse>().StatusCode);
        Assert.Empty(_bob.Inbox());
    }

    [Fact]
    public void Invite_that_already_passed_through_lyrebird_gets_482()
    {
        _alice.Call("201");
        var invite = _bob.Single<SipRequest>("INVITE");
        var ourVia = invite.Headers.GetFirstValue(HeaderId.Via)!;
        _alice.Inbox();

        _alice.Invite("201", extraVia: ourVia);

        Assert.Equal(482, _alice.Single<SipResponse>().StatusCode);
        _bob.Respond(invite, 486);
        AssertNothingLeftAfterCallerAck(486);
    }

    [Fact]
    public void Calling_as_another_user_is_forbidden()
    {
        var mallory = new TestPhone(_pbx, "201", "bob-secret", new IPEndPoint(IPAddress.Parse("127.0.0.13"), 5090)) { FromUser = "200" };
        mallory.Invite("201");
        var challenge = mallory.Single<SipResponse>(status: 407).Headers.GetAll(HeaderId.ProxyAuthenticate).Last().Value;

        mallory.Invite("201", challenge: challenge);

        Assert.Equal(403, mallory.Single<SipResponse>().StatusCode);
        Assert.Empty(_bob.Inbox());
    }

    [Fact]
    public void Offer_without_a_recordable_codec_gets_488_with_a_warning()
    {
        _alice.Call("201", TestPhone.Sdp(_alice.Address, 30000, codecs: "18"));

        var final = _alice.Inbox().OfType<SipResponse>().Single(r => r.StatusCode >= 300);
        Assert.Equal(488, final.StatusCode);
        Assert.StartsWith("305 lyrebird \"No common codec", final.Headers.GetFirstValue(HeaderId.Warning), StringComparison.Ordinal);
        Assert.Empty(_bob.Inbox());
    }

    [Fact]
    public void Forked_call_rings_every_contact_first_2xx_wins_and_the_other_is_cancelled()
    {
        var desk = new TestPhone(_pbx, "201", "bob-secret", new IPEndPoint(IPAddress.Parse("127.0.0.12"), 5074));
        desk.Register();

        _alice.Call("201");
        var toBob = _bob.Single<SipRequest>("INVITE");
        var toDesk = desk.Single<SipRequest>("INVITE");
        Assert.Equal(toBob.CallId, toDesk.CallId);
        _bob.Respond(toBob, 180);
        desk.Respond(toDesk, 180);
        desk.Respond(toDesk, 200, TestPhone.Sdp(desk.Address, 32000));

        var cancel = _bob.Single<SipRequest>("CANCEL");
        _bob.Ok(cancel);
        _bob.Respond(toBob, 487);
        _alice.AckAnswer(_alice.Inbox().OfType<SipResponse>().Single(r => r.StatusCode == 200));
        Assert.Equal(SipMethods.Ack, desk.Single<SipRequest>().Method);

        desk.SendInDialog("BYE");
        _alice.Ok(_alice.Single<SipRequest>("BYE"));
        AssertNothingLeft();
    }

    [Fact]
    public void Second_2xx_from_another_branch_is_acked_and_hung_up()
    {
        var desk = new TestPhone(_pbx, "201", "bob-secret", new IPEndPoint(IPAddress.Parse("127.0.0.12"), 5074));
        desk.Register();
        _alice.Call("201");
        var toBob = _bob.Single<SipRequest>("INVITE");
        var toDesk = desk.Single<SipRequest>("INVITE");

        desk.Respond(toDesk, 200, TestPhone.Sdp(desk.Address, 32000));
        _bob.Respond(toBob, 200, TestPhone.Sdp(_bob.Address, 31000));

        var toLoser = _bob.Inbox().OfType<SipRequest>().Select(r => r.Method).ToList();
        Assert.Equal([SipMethods.Ack, SipMethods.Bye], toLoser);
        _alice.AckAnswer(_alice.Inbox().OfType<SipResponse>().Single(r => r.StatusCode == 200));
        desk.Inbox();
        _alice.SendInDialog("BYE");
        desk.Ok(desk.Single<SipRequest>("BYE"));
        AssertNothingLeft();
    }

    [Fact]
    public void Rtp_inactivity_ends_the_call_with_bye_and_reason_on_both_legs()
    {
        Connect();

        _pbx.Time.Advance(_pbx.Options.MediaInactivityTimeout + TimeSpan.FromSeconds(20));

        var toAlice = _alice.Single<SipRequest>("BYE");
        var toBob = _bob.Single<SipRequest>("BYE");
        Assert.Equal("SIP;cause=408;text=\"RTP Timeout\"", toAlice.Headers.GetFirstValue(HeaderId.Reason));
        Assert.Equal("SIP;cause=408;text=\"RTP Timeout\"", toBob.Headers.GetFirstValue(HeaderId.Reason));
        _alice.Ok(toAlice);
        _bob.Ok(toBob);
        AssertNothingLeft();
    }

    [Fact]
    public void In_dialog_request_with_lower_cseq_gets_500_and_unknown_dialog_gets_481()
    {
        Connect();
        _alice.SendInDialog("INFO", edit: r => r.Headers.Set(HeaderId.CSeq, "1 INFO"));
        Assert.Equal(500, _alice.Single<SipResponse>().StatusCode);

        _alice.SendInDialog("BYE", edit: r => r.Headers.Set(HeaderId.CallId, "no-such-call"));
        Assert.Equal(481, _alice.Single<SipResponse>().StatusCode);

        _alice.SendInDialog("BYE");
        _bob.Ok(_bob.Single<SipRequest>("BYE"));
        AssertNothingLeft();
    }

    [Fact]
    public void Callee_that_never_acks_its_call_is_ended_when_the_caller_ack_is_missing()
    {
        _alice.Call("201");
        var invite = _bob.Single<SipRequest>("INVITE");
        _bob.Respond(invite, 200, TestPhone.Sdp(_bob.Address, 31000));
        var ok = _alice.Single<SipResponse>(status: 200);

        for (var i = 0; i < 40; i++)
        {
            _pbx.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var retransmitted = _alice.Inbox();
        Assert.Contains(retransmitted, m => m is SipResponse { StatusCode: 200 });
        Assert.Contains(retransmitted, m => m is SipRequest { Method: "BYE" });
        var bye = _bob.Inbox().OfType<SipRequest>().First(r => r.Method == SipMethods.Bye); // later copies: UDP retransmissions
        Assert.Contains("ACK Not Received", bye.Headers.GetFirstValue(HeaderId.Reason), StringComparison.Ordinal);
        Assert.NotNull(ok);
        _bob.Ok(bye);
        _alice.Ok(retransmitted.OfType<SipRequest>().First(r => r.Method == SipMethods.Bye));
        AssertNothingLeft();
    }
}
