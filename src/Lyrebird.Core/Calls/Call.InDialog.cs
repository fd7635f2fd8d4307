using Lyrebird.Core.Media;
using Lyrebird.Sdp.Negotiation;
using Lyrebird.Sdp.Parsing;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Lyrebird.Sip.UserAgent.Dialogs;

namespace Lyrebird.Core.Calls;

public sealed partial class Call
{
    /// <summary>Headers that belong to one hop or one dialog and are never copied from one leg to the other.</summary>
    private static readonly HashSet<HeaderId> HopHeaders =
    [
        HeaderId.Via, HeaderId.Route, HeaderId.RecordRoute, HeaderId.From, HeaderId.To, HeaderId.CallId, HeaderId.CSeq,
        HeaderId.MaxForwards, HeaderId.Contact, HeaderId.ContentLength, HeaderId.Authorization, HeaderId.ProxyAuthorization,
        HeaderId.WwwAuthenticate, HeaderId.ProxyAuthenticate, HeaderId.AuthenticationInfo, HeaderId.UserAgent, HeaderId.Server,
        HeaderId.Allow, HeaderId.Supported, HeaderId.Require, HeaderId.ProxyRequire, HeaderId.Unsupported, HeaderId.RSeq, HeaderId.RAck,
        HeaderId.Path,
    ];

    /// <summary>A request in one of the call's dialogs (§12.2.2): checked for order, then handled or relayed to the other leg.</summary>
    internal void OnInDialogRequest(ServerTransaction transaction, SipRequest request, SipFlow flow, MediaLeg leg)
    {
        var dialog = DialogOf(leg);
        if (dialog is null || State == CallState.Terminated)
        {
            transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.CallOrTransactionDoesNotExist));
            return;
        }

        if (dialog.CheckInboundRequest(request) == DialogRequestCheck.OutOfOrder)
        {
            transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.ServerInternalError, "CSeq Out Of Order"));
            return;
        }

        if (request.MethodKind == SipMethodKind.Bye)
        {
            OnBye(transaction, request, leg);
            return;
        }

        if (request.MethodKind == SipMethodKind.Info && request.Headers.GetFirstValue(HeaderId.Record) is { } record)
        {
            // The Record key: consumed here, never relayed (the other phone would answer 488). Answered in any state:
            // the hook refuses clearly when the call is not answered yet.
            OnRecordRequest(transaction, request, leg, record.Trim());
            return;
        }

        if (State != CallState.Connected)
        {
            var pending = SipResponseFactory.Create(request, 491, "Request Pending");
            pending.Headers.Add(HeaderId.RetryAfter, "1");
            transaction.Respond(pending);
            return;
        }

        if (request.MethodKind is SipMethodKind.Invite or SipMethodKind.Update)
        {
            RelayOffer(transaction, request, leg);
            return;
        }

        RelayRequest(transaction, request, leg, offer: null, sentOffer: null, body: null);
    }

    /// <summary>re-INVITE / UPDATE: the offer is filtered, rewritten toward the other leg with that leg's ports and origin,
    /// and relayed; the answer comes back the same way (<see cref="OnRelayedResponse"/>).</summary>
    private void RelayOffer(ServerTransaction transaction, SipRequest request, MediaLeg leg)
    {
        if (_pendingOffer is not null)
        {
            transaction.Respond(SipResponseFactory.Create(request, 491, "Request Pending")); // RFC 3261 §14.2
            return;
        }

        DialogOf(leg)!.RefreshTarget(request);
        if (request.Body.IsEmpty)
        {
            if (request.MethodKind == SipMethodKind.Update)
            {
                RelayRequest(transaction, request, leg, null, null, null); // a refresh without offer
                return;
            }

            var refused = SipResponseFactory.Create(request, SipStatusCodes.NotAcceptableHere);
            refused.Headers.Add(HeaderId.Warning, "399 lyrebird \"re-INVITE without an SDP offer is not supported\"");
            transaction.Respond(refused);
            return;
        }

        var parsed = SdpParser.Parse(request.Body.Span);
        var filtered = parsed.IsOk ? OfferAnswer.FilterOffer(parsed.Value, _manager.Codecs) : default;
        if (!parsed.IsOk || !filtered.IsOk)
        {
            var refused = SipResponseFactory.Create(request, SipStatusCodes.NotAcceptableHere);
            refused.Headers.Add(HeaderId.Warning, Warning(parsed.IsOk ? filtered.Error! : parsed.Error));
            transaction.Respond(refused);
            return;
        }

        var other = Other(leg);
        if (RewriteToward(other, filtered.Value) is not { } toOther)
        {
            transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.ServiceUnavailable, "No Media Ports Available"));
            return;
        }

        CallLog.OfferRelayed(_manager.Logger, Id, request.Method, leg, OfferAnswer.IsHold(filtered.Value) ? "hold" : "active");
        RelayRequest(transaction, request, leg, filtered.Value, toOther, toOther);
    }

    private void RelayRequest(ServerTransaction transaction, SipRequest request, MediaLeg leg, Sdp.Model.SessionDescription? offer,
        Sdp.Model.SessionDescription? sentOffer, Sdp.Model.SessionDescription? body)
    {
        var other = Other(leg);
        var otherDialog = DialogOf(other)!;
        var flow = FlowOf(other);
        var outbound = otherDialog.CreateRequest(request.Method, _manager.NewVia(flow));
        CopyEndToEndHeaders(request, outbound);
        if (body is not null)
        {
            SetSdpBody(outbound, body);
        }
        else if (!request.Body.IsEmpty)
        {
            outbound.Body = request.Body;
        }

        var relay = new Relay(transaction, request, leg) { Offer = offer, SentOffer = sentOffer };
        if (offer is not null)
        {
            _pendingOffer = relay;
        }

        Send(outbound, flow, new Outgoing(OutgoingKind.Relay, Relay: relay));
    }

    private void OnRelayedResponse(Relay relay, ClientTransaction transaction, SipResponse response)
    {
        var leg = relay.From;
        var other = Other(leg);
        if (ReferenceEquals(_pendingOffer, relay))
        {
            _pendingOffer = null;
        }

        if (State is CallState.Terminating or CallState.Terminated)
        {
            relay.Server.Respond(SipResponseFactory.Create(relay.Request, SipStatusCodes.CallOrTransactionDoesNotExist));
            return;
        }

        var isInvite = relay.Request.MethodKind == SipMethodKind.Invite;
        if (isInvite && response.IsSuccess && DialogOf(other) is { } otherDialog)
        {
            SendAck(otherDialog, transaction.Request.CSeq!.Value.Number, FlowOf(other));
        }

        var back = SipResponseFactory.Create(relay.Request, response.StatusCode, response.ReasonPhrase);
        CopyEndToEndHeaders(response, back);
        if (response.IsSuccess && relay.Request.MethodKind is SipMethodKind.Invite or SipMethodKind.Update)
        {
            DialogOf(other)?.RefreshTarget(response);
            back.Headers.Add(HeaderId.Contact, _manager.ContactFor(FlowOf(leg)));
        }

        if (relay.Offer is not null && response.IsSuccess)
        {
            var problem = ReadAnswer(response, relay.SentOffer!, out var answer);
            var toRequester = answer is null ? null : RewriteToward(leg, answer);
            if (toRequester is null)
            {
                CallLog.BadAnswer(_manager.Logger, Id, problem ?? "no media ports");
                var refused = SipResponseFactory.Create(relay.Request, SipStatusCodes.NotAcceptableHere);
                refused.Headers.Add(HeaderId.Warning, $"399 lyrebird \"{(problem ?? "No media ports").Replace('"', '\'')}\"");
                relay.Server.Respond(refused);
                return;
            }

            SetRemote(other, answer!, relay.SentOffer);
            SetRemote(leg, relay.Offer, toRequester);
            SetSdpBody(back, toRequester);
        }
        else if (!response.Body.IsEmpty)
        {
            back.Body = response.Body;
        }

        relay.Server.Respond(back);
        if (isInvite && response.IsSuccess)
        {
            StartAnswerRetransmission(relay.Server, back, leg, relay.Request.CSeq!.Value.Number, FlowOf(leg));
        }
    }

    private static void CopyEndToEndHeaders(SipMessage from, SipMessage to)
    {
        foreach (var header in from.Headers)
        {
            if (!HopHeaders.Contains(header.Id))
            {
                to.Headers.Add(header);
            }
        }
    }

    /// <summary>The ACK for a 2xx we sent on <paramref name="leg"/>: stops its retransmission.</summary>
    internal void OnAck(SipRequest ack, MediaLeg leg)
    {
        var cseq = ack.CSeq?.Number;
        for (var i = _retransmissions.Count - 1; i >= 0; i--)
        {
            var r = _retransmissions[i];
            if (r.Leg == leg && r.CSeq == cseq)
            {
                r.Timer?.Dispose();
                _retransmissions.RemoveAt(i);
            }
        }
    }

    /// <summary>A 2xx to our INVITE after its transaction ended (our ACK was lost): ACK it again.</summary>
    internal void OnStray2xx(SipResponse response, MediaLeg leg)
    {
        if (DialogOf(leg) is { } dialog && response.CSeq is { } cseq && leg == MediaLeg.B && _winner is not null)
        {
            SendAck(dialog, cseq.Number, _winner.Flow);
        }
    }

    /// <summary>RFC 3261 §13.3.1.4: on UDP, the UAS core retransmits its 2xx (T1, doubling to T2) until the ACK; after
    /// 64·T1 without one, the session ends.</summary>
    private void StartAnswerRetransmission(ServerTransaction transaction, SipResponse response, MediaLeg leg, uint cseq, SipFlow flow)
    {
        var retransmission = new AnswerRetransmission(transaction, response, leg, cseq) { Interval = T1 };
        if (flow.IsReliable)
        {
            return;
        }

        _retransmissions.Add(retransmission);
        retransmission.Timer = _manager.Time.CreateTimer(_ => Post(() => OnRetransmitAnswer(retransmission)), null, T1, Timeout.InfiniteTimeSpan);
    }

    private void OnRetransmitAnswer(AnswerRetransmission r)
    {
        if (!_retransmissions.Contains(r) || State == CallState.Terminated)
        {
            return;
        }

        r.Elapsed += r.Interval;
        if (r.Elapsed >= 64 * T1)
        {
            r.Timer?.Dispose();
            _retransmissions.Remove(r);
            CallLog.AckTimeout(_manager.Logger, Id, r.Leg);
            End(408, "ACK Not Received");
            return;
        }

        r.Transaction.Respond(r.Response);
        r.Interval = r.Interval * 2 < T2 ? r.Interval * 2 : T2;
        r.Timer?.Change(r.Interval, Timeout.InfiniteTimeSpan);
    }

    private void OnRecordRequest(ServerTransaction transaction, SipRequest request, MediaLeg leg, string record)
    {
        var party = leg == MediaLeg.A ? CallParty.Caller : CallParty.Callee;
        var pending = _manager.Recording.OnRecordRequestAsync(this, party, record);
        if (pending.IsCompletedSuccessfully)
        {
            Answer(pending.Result);
        }
        else
        {
            _ = AnswerWhenDoneAsync(pending);
        }

        async Task AnswerWhenDoneAsync(ValueTask<RecordingControlResponse> answer)
        {
            RecordingControlResponse result;
            try
            {
                result = await answer;
            }
#pragma warning disable CA1031 // a failing recorder must still answer the phone truthfully
            catch (Exception e)
#pragma warning restore CA1031
            {
                CallLog.Bug(_manager.Logger, Id, e);
                result = new RecordingControlResponse(SipStatusCodes.ServerInternalError, "Server Internal Error", "Recording state unknown after an internal error");
            }

            Answer(result);
        }

        void Answer(RecordingControlResponse answer)
        {
            CallLog.RecordRequest(_manager.Logger, Id, party, record, answer.StatusCode);
            var response = SipResponseFactory.Create(request, answer.StatusCode, answer.ReasonPhrase);
            if (answer.Warning is { } warning)
            {
                response.Headers.Add(HeaderId.Warning, $"399 lyrebird \"{warning.Replace('"', '\'')}\"");
            }

            transaction.Respond(response); // thread-safe: the transaction has its own mailbox
        }
    }
}
