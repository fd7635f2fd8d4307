using Lyrebird.Core.Media;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Lyrebird.Sip.UserAgent.Dialogs;

namespace Lyrebird.Core.Calls;

public sealed partial class Call
{
    /// <summary>BYE from one side: 200 to it, BYE to the other (copying its Reason). In an early dialog (the caller
    /// hangs up before the answer, §15) it ends the setup like a CANCEL.</summary>
    private void OnBye(ServerTransaction transaction, SipRequest request, MediaLeg leg)
    {
        transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.Ok));
        DialogOf(leg)?.Terminate();
        switch (State)
        {
            case CallState.Trying or CallState.Ringing:
                CallLog.Cancelled(_manager.Logger, Id);
                RejectCaller(SipStatusCodes.RequestTerminated, null);
                CancelOtherBranches(null);
                break;
            case CallState.Connected:
                CallLog.HungUp(_manager.Logger, Id, leg == MediaLeg.A ? CallParty.Caller : CallParty.Callee);
                State = CallState.Terminating;
                StopRetransmissions();
                var other = Other(leg);
                if (DialogOf(other) is { State: not DialogState.Terminated } otherDialog)
                {
                    SendBye(otherDialog, FlowOf(other), request.Headers.GetFirstValue(HeaderId.Reason));
                }

                break;
        }

        TryFinish();
    }

    /// <summary>Ends the call because something failed (RTP inactivity, a leg's transaction timed out or could not be
    /// sent, no ACK): during setup the caller gets a final response and the branches are cancelled; once connected
    /// both legs get a BYE with a Reason header.</summary>
    private void End(int cause, string text)
    {
        switch (State)
        {
            case CallState.Trying or CallState.Ringing:
                RejectCaller(cause == 408 ? SipStatusCodes.TemporarilyUnavailable : SipStatusCodes.ServiceUnavailable, text);
                CancelOtherBranches(null);
                break;
            case CallState.Connected:
                CallLog.Ended(_manager.Logger, Id, cause, text);
                State = CallState.Terminating;
                StopRetransmissions();
                var reason = ReasonHeader(cause, text);
                foreach (var leg in (ReadOnlySpan<MediaLeg>)[MediaLeg.A, MediaLeg.B])
                {
                    if (DialogOf(leg) is { State: not DialogState.Terminated } dialog)
                    {
                        SendBye(dialog, FlowOf(leg), reason);
                    }
                }

                break;
        }

        TryFinish();
    }

    private void OnMediaInactive()
    {
        if (State == CallState.Connected)
        {
            End(408, "RTP Timeout");
        }
    }

    /// <summary>A transaction of the call timed out or could not be sent.</summary>
    internal void OnTransactionFailed(SipTransaction transaction, bool timeout)
    {
        if (transaction is ClientTransaction client && _outgoing.Remove(client, out var purpose))
        {
            switch (purpose.Kind)
            {
                case OutgoingKind.BranchInvite:
                    var branch = purpose.Branch!;
                    if (!branch.IsDone)
                    {
                        branch.IsDone = true;
                        branch.FinalResponse = new SipResponse(timeout ? SipStatusCodes.RequestTimeout : SipStatusCodes.ServiceUnavailable);
                        CallLog.BranchFailed(_manager.Logger, Id, branch.Binding.ContactUri, branch.FinalResponse.StatusCode);
                        OnBranchFinished();
                    }

                    return;
                case OutgoingKind.Bye:
                    _pendingByes--;
                    TryFinish();
                    return;
                case OutgoingKind.Relay:
                    var relay = purpose.Relay!;
                    if (ReferenceEquals(_pendingOffer, relay))
                    {
                        _pendingOffer = null;
                    }

                    relay.Server.Respond(SipResponseFactory.Create(relay.Request, timeout ? SipStatusCodes.RequestTimeout : SipStatusCodes.ServiceUnavailable));
                    var side = Other(relay.From);
                    DialogOf(side)?.Terminate(); // the leg that failed gets no BYE
                    End(timeout ? 408 : 503, timeout ? "Request Timeout On Other Leg" : "Transport Error On Other Leg");
                    return;
            }
        }

        if (transaction is ServerTransaction && State == CallState.Connected)
        {
            End(timeout ? 408 : 503, timeout ? "Request Timeout" : "Transport Error"); // a response to the caller could not be delivered
        }
    }

    private void SendBye(Dialog dialog, SipFlow flow, string? reason)
    {
        var bye = dialog.CreateRequest(SipMethods.Bye, _manager.NewVia(flow));
        if (reason is not null)
        {
            bye.Headers.Add(HeaderId.Reason, reason);
        }

        dialog.Terminate();
        _pendingByes++;
        Send(bye, flow, new Outgoing(OutgoingKind.Bye));
    }

    private void StopRetransmissions()
    {
        foreach (var r in _retransmissions)
        {
            r.Timer?.Dispose();
        }

        _retransmissions.Clear();
    }

    /// <summary>Terminating → Terminated once every branch has its final response and every BYE its answer.</summary>
    private void TryFinish()
    {
        if (State == CallState.Terminating && _pendingByes <= 0 && _branches.All(b => b.IsDone))
        {
            Finish();
        }
    }

    /// <summary>Releases everything the call holds: dialogs leave the table, the relay session is disposed (its ports
    /// return to the pool), timers are disposed, and the call leaves the manager.</summary>
    private void Finish()
    {
        if (State == CallState.Terminated)
        {
            return;
        }

        State = CallState.Terminated;
        DisposeNoAnswerTimer();
        StopRetransmissions();
        foreach (var dialog in (ReadOnlySpan<Dialog?>)[_dialogA, _dialogB])
        {
            if (dialog is not null)
            {
                dialog.Terminate();
                _manager.Dialogs.Remove(dialog);
            }
        }

        if (_connectedAt is not null)
        {
            _manager.Recording.OnEnded(this); // closes an open segment before the relay session goes away
        }

        if (_media is not null)
        {
            var a = _media.GetCounters(MediaLeg.A);
            var b = _media.GetCounters(MediaLeg.B);
            _media.Dispose();
            _media = null;
            var duration = _connectedAt is { } at ? _manager.Time.GetUtcNow() - at : TimeSpan.Zero;
            CallLog.Finished(_manager.Logger, Id, duration, a.PacketsReceived, a.PacketsForwarded, b.PacketsReceived, b.PacketsForwarded,
                a.DroppedUnexpectedSource + b.DroppedUnexpectedSource);
        }

        _outgoing.Clear();
        _manager.Remove(this);
    }
}
