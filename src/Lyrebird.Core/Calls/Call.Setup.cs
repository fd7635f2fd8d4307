using System.Globalization;
using Lyrebird.Core.Media;
using Lyrebird.Core.Registration;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Negotiation;
using Lyrebird.Sdp.Parsing;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Uris;
using Lyrebird.Sip.UserAgent.Dialogs;

namespace Lyrebird.Core.Calls;

public sealed partial class Call
{
    /// <summary>Trying: 100 to the caller, relay allocated, INVITE to every contact, no-answer timer started.</summary>
    internal void Start(IReadOnlyList<Binding> bindings)
    {
        _inviteA.Respond(SipResponseFactory.Create(_requestA, SipStatusCodes.Trying));
        _media = _manager.Media.CreateSession(Id, _ => Post(OnMediaInactive));
        _originA = SessionOrigin.Create(_media.AdvertisedAddress);
        _originB = SessionOrigin.Create(_media.AdvertisedAddress);
        _offerB = RewriteToward(MediaLeg.B, _offerA);
        if (_offerB is null)
        {
            RejectCaller(SipStatusCodes.ServiceUnavailable, "No Media Ports Available");
            Finish();
            return;
        }

        SetRemote(MediaLeg.A, _offerA, null);
        CallLog.Started(_manager.Logger, Id, CallerExtension, CalleeExtension, bindings.Count);
        foreach (var binding in bindings)
        {
            if (!SipUri.TryParse(binding.ContactUri, out var target))
            {
                continue;
            }

            var flow = CallManager.FlowFor(binding);
            var branch = new CallBranch(binding, flow, BuildBranchInvite(target, flow));
            _branches.Add(branch);
            branch.Transaction = Send(branch.Invite, flow, new Outgoing(OutgoingKind.BranchInvite, branch));
        }

        if (_branches.Count == 0)
        {
            RejectCaller(SipStatusCodes.TemporarilyUnavailable, null);
            Finish();
            return;
        }

        _noAnswerTimer = _manager.Time.CreateTimer(_ => Post(OnNoAnswer), null, _manager.Options.NoAnswerTimeout, Timeout.InfiniteTimeSpan);
    }

    private SipRequest BuildBranchInvite(SipUri target, Sip.Transport.SipFlow flow)
    {
        var host = _manager.HostFor(flow);
        var invite = new SipRequest(SipMethods.Invite, target);
        var headers = invite.Headers;
        headers.Add(HeaderId.Via, _manager.NewVia(flow).ToString());
        var maxForwards = Math.Min(70, (_requestA.MaxForwards ?? 70) - 1);
        headers.Add(HeaderId.MaxForwards, maxForwards.ToString(CultureInfo.InvariantCulture));
        var display = Caller.DisplayName ?? _requestA.From?.DisplayName;
        var from = new SipNameAddress(new SipUri("sip", CallerExtension, host), display) { Tag = _fromTagB };
        headers.Add(HeaderId.From, from.ToString());
        headers.Add(HeaderId.To, new SipNameAddress(new SipUri("sip", CalleeExtension, host)).ToString());
        headers.Add(HeaderId.CallId, _callIdB);
        headers.Add(HeaderId.CSeq, "1 INVITE");
        headers.Add(HeaderId.Contact, _manager.ContactFor(flow));
        headers.Add(HeaderId.Allow, CallManager.AllowedMethods);
        SetSdpBody(invite, _offerB!);
        return invite;
    }

    internal void OnResponse(ClientTransaction transaction, SipResponse response)
    {
        if (!_outgoing.TryGetValue(transaction, out var purpose))
        {
            return;
        }

        switch (purpose.Kind)
        {
            case OutgoingKind.BranchInvite:
                OnBranchResponse(purpose.Branch!, response);
                break;
            case OutgoingKind.Bye when !response.IsProvisional:
                _outgoing.Remove(transaction);
                _pendingByes--;
                TryFinish();
                break;
            case OutgoingKind.Relay when !response.IsProvisional:
                _outgoing.Remove(transaction);
                OnRelayedResponse(purpose.Relay!, transaction, response);
                break;
        }
    }

    private void OnBranchResponse(CallBranch branch, SipResponse response)
    {
        if (response.StatusCode == SipStatusCodes.Trying)
        {
            return;
        }

        if (response.IsProvisional)
        {
            branch.HasProvisional = true;
            if (branch.CancelPending)
            {
                CancelBranch(branch);
            }
            else if (State is CallState.Trying or CallState.Ringing)
            {
                RelayProvisional(response);
            }

            return;
        }

        if (response.IsSuccess)
        {
            OnBranchAnswered(branch, response);
            return;
        }

        branch.IsDone = true;
        branch.FinalResponse = response;
        CallLog.BranchFailed(_manager.Logger, Id, branch.Binding.ContactUri, response.StatusCode);
        OnBranchFinished();
    }

    private void OnBranchFinished()
    {
        if (_branches.Any(b => !b.IsDone))
        {
            return;
        }

        if (State is CallState.Trying or CallState.Ringing)
        {
            var (status, reason, warning) = FinalForCaller();
            RejectCaller(status, reason, warning);
        }

        TryFinish();
    }

    /// <summary>The caller's final response when every branch failed: busy and decline are relayed as such; SDP
    /// refusals become 488; everything else is "not reachable now" (480).</summary>
    private (int Status, string? Reason, string? Warning) FinalForCaller()
    {
        var finals = _branches.Select(b => b.FinalResponse).OfType<SipResponse>().ToList();
        var global = finals.FirstOrDefault(r => r.StatusCode >= 600);
        if (global is not null)
        {
            return (global.StatusCode == 606 ? SipStatusCodes.NotAcceptableHere : global.StatusCode, global.ReasonPhrase, null);
        }

        if (finals.FirstOrDefault(r => r.StatusCode == SipStatusCodes.BusyHere) is { } busy)
        {
            return (SipStatusCodes.BusyHere, busy.ReasonPhrase, null);
        }

        if (finals.FirstOrDefault(r => r.StatusCode == SipStatusCodes.NotAcceptableHere) is { } sdp)
        {
            return (SipStatusCodes.NotAcceptableHere, sdp.ReasonPhrase, sdp.Headers.GetFirstValue(HeaderId.Warning));
        }

        return (SipStatusCodes.TemporarilyUnavailable, null, null);
    }

    private void RelayProvisional(SipResponse response)
    {
        var toCaller = SipResponseFactory.Create(_requestA, response.StatusCode, response.ReasonPhrase, _tagA);
        toCaller.Headers.Add(HeaderId.Contact, _manager.ContactFor(_flowA));
        if (!response.Body.IsEmpty && SdpParser.Parse(response.Body.Span) is { IsOk: true } early
            && OfferAnswer.CheckAnswer(_offerB!, early.Value).IsOk && RewriteToward(MediaLeg.A, early.Value) is { } rewritten)
        {
            SetRemote(MediaLeg.B, early.Value, _offerB);
            SetRemote(MediaLeg.A, _offerA, rewritten);
            SetSdpBody(toCaller, rewritten);
        }

        if (_dialogA is null && Dialog.CreateUas(_requestA, toCaller, _manager.ContactFor(_flowA)) is { } dialog)
        {
            _dialogA = dialog;
            _manager.Dialogs.TryAdd(dialog, new CallLegRef(this, MediaLeg.A));
        }

        State = CallState.Ringing;
        _inviteA.Respond(toCaller);
    }

    private void OnBranchAnswered(CallBranch branch, SipResponse response)
    {
        branch.IsDone = true;
        var cseq = branch.Invite.CSeq!.Value.Number;
        if (_dialogB is not null && DialogId.ForInboundResponse(response) == _dialogB.Id)
        {
            SendAck(_dialogB, cseq, branch.Flow); // 2xx retransmission of the winner
            return;
        }

        var dialog = Dialog.CreateUac(branch.Invite, response);
        if (dialog is null)
        {
            branch.FinalResponse = new SipResponse(SipStatusCodes.TemporarilyUnavailable);
            CallLog.BranchFailed(_manager.Logger, Id, branch.Binding.ContactUri, response.StatusCode);
            OnBranchFinished();
            return;
        }

        SendAck(dialog, cseq, branch.Flow);
        if (_winner is not null || State is not (CallState.Trying or CallState.Ringing))
        {
            // Answered elsewhere already, or the call is over: RFC 3261 §13.2.2.4 — ACK, then BYE.
            SendBye(dialog, branch.Flow, ReasonHeader(200, "Call completed elsewhere"));
            TryFinish();
            return;
        }

        var problem = ReadAnswer(response, _offerB!, out var answer);
        var toCaller = answer is null ? null : RewriteToward(MediaLeg.A, answer);
        if (toCaller is null)
        {
            CallLog.BadAnswer(_manager.Logger, Id, problem ?? "no media ports");
            _winner = branch;
            SendBye(dialog, branch.Flow, ReasonHeader(488, "Unacceptable SDP answer"));
            RejectCaller(SipStatusCodes.NotAcceptableHere, null, $"399 lyrebird \"{(problem ?? "No media ports").Replace('"', '\'')}\"");
            CancelOtherBranches(branch);
            TryFinish();
            return;
        }

        _winner = branch;
        _dialogB = dialog;
        _manager.Dialogs.TryAdd(dialog, new CallLegRef(this, MediaLeg.B));
        SetRemote(MediaLeg.B, answer!, _offerB);
        SetRemote(MediaLeg.A, _offerA, toCaller);
        _media!.StartInactivityMonitor();

        var ok = SipResponseFactory.Create(_requestA, SipStatusCodes.Ok, null, _tagA);
        ok.Headers.Add(HeaderId.Contact, _manager.ContactFor(_flowA));
        ok.Headers.Add(HeaderId.Allow, CallManager.AllowedMethods);
        SetSdpBody(ok, toCaller);
        if (_dialogA is null)
        {
            _dialogA = Dialog.CreateUas(_requestA, ok, _manager.ContactFor(_flowA));
            if (_dialogA is not null)
            {
                _manager.Dialogs.TryAdd(_dialogA, new CallLegRef(this, MediaLeg.A));
            }
        }

        _dialogA?.Confirm();
        _inviteA.Respond(ok);
        StartAnswerRetransmission(_inviteA, ok, MediaLeg.A, _requestA.CSeq!.Value.Number, _flowA);
        DisposeNoAnswerTimer();
        CancelOtherBranches(branch);
        State = CallState.Connected;
        _connectedAt = _manager.Time.GetUtcNow();
        var stream = ActiveStreams(toCaller).FirstOrDefault();
        CallLog.Connected(_manager.Logger, Id, CallerExtension, CalleeExtension, branch.Binding.ContactUri,
            _media.GetPorts(MediaLeg.A, stream)?.RtpPort ?? 0, _media.GetPorts(MediaLeg.B, stream)?.RtpPort ?? 0);
        _manager.Recording.OnConnected(this);
    }

    private void CancelOtherBranches(CallBranch? except)
    {
        foreach (var branch in _branches)
        {
            if (!ReferenceEquals(branch, except))
            {
                CancelBranch(branch);
            }
        }
    }

    /// <summary>CANCEL a branch (RFC 3261 §9.1): only once it sent a provisional response; until then it is marked and
    /// cancelled when one arrives (or ends by Timer B).</summary>
    private void CancelBranch(CallBranch branch)
    {
        if (branch.IsDone || branch.Cancelled || branch.Transaction is null)
        {
            return;
        }

        if (!branch.HasProvisional)
        {
            branch.CancelPending = true;
            return;
        }

        branch.CancelPending = false;
        branch.Cancelled = true;
        _manager.Layer.SendCancel(branch.Transaction);
    }

    /// <summary>The caller's CANCEL (RFC 3261 §9.2): 200 to it, 487 to the INVITE, CANCEL to every branch.</summary>
    internal void OnCallerCancel(ServerTransaction cancel, SipRequest request)
    {
        cancel.Respond(SipResponseFactory.Create(request, SipStatusCodes.Ok));
        if (State is not (CallState.Trying or CallState.Ringing))
        {
            return; // already answered or ending: the CANCEL has no effect (§9.2)
        }

        CallLog.Cancelled(_manager.Logger, Id);
        RejectCaller(SipStatusCodes.RequestTerminated, null);
        CancelOtherBranches(null);
        TryFinish();
    }

    private void OnNoAnswer()
    {
        if (State is not (CallState.Trying or CallState.Ringing))
        {
            return;
        }

        CallLog.NoAnswer(_manager.Logger, Id, _manager.Options.NoAnswerTimeout);
        RejectCaller(SipStatusCodes.TemporarilyUnavailable, "No Answer");
        CancelOtherBranches(null);
        TryFinish();
    }

    /// <summary>A final non-2xx to the caller's INVITE; the call moves to Terminating.</summary>
    private void RejectCaller(int status, string? reason, string? warning = null)
    {
        if (!_inviteA.HasFinalResponse)
        {
            var response = SipResponseFactory.Create(_requestA, status, reason, _tagA);
            if (warning is not null)
            {
                response.Headers.Add(HeaderId.Warning, warning);
            }

            _inviteA.Respond(response);
        }

        DisposeNoAnswerTimer();
        State = CallState.Terminating;
    }

    private void DisposeNoAnswerTimer()
    {
        _noAnswerTimer?.Dispose();
        _noAnswerTimer = null;
    }
}
