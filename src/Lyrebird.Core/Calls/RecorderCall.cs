using System.Globalization;
using Lyrebird.Core.Media;
using Lyrebird.Core.Users;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Negotiation;
using Lyrebird.Sdp.Parsing;
using Lyrebird.Sdp.Writing;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Lyrebird.Sip.UserAgent.Dialogs;

namespace Lyrebird.Core.Calls;

/// <summary>
/// A call to a recording-account URI (the phone's Recorder key, RECORDING.md §2): Lyrebird is the UAS and the far end.
/// It answers at once with <c>200 OK</c> and a <c>recvonly</c> SDP (see <see cref="RecorderAnswer"/>), records what the
/// phone sends in mono until BYE, and never sends RTP (the relay session is <see cref="IMediaSession.ReceiveOnly"/>).
/// </summary>
/// <remarks>
/// <code>
///   INVITE (authenticated, offer recordable) → media allocated, segment opened, 200 + SDP (retransmitted until ACK)
///      Connected: re-INVITE / UPDATE → 200 with the same answer rules (timeline kept: the recorder fills silence)
///                 BYE from the phone → 200; no RTP for RecorderInactivityTimeout (not while the offer is inactive),
///                 RecorderMaxDuration, or no ACK → our BYE with a Reason
///      Terminating (our BYE out) → Terminated: segment finished, media released, dialog removed
/// </code>
/// <para>Threads: like <see cref="Call"/>, every method except <see cref="Post"/> runs on the call's mailbox.</para>
/// </remarks>
public sealed class RecorderCall
{
    private readonly CallManager _manager;
    private readonly CallMailbox _mailbox;
    private readonly ServerTransaction _invite;
    private readonly SipRequest _request;
    private readonly SipFlow _flow;
    private readonly SessionDescription _offer;
    private readonly string _tag = SipIds.NewTag();
    private readonly IRecorderCallRecording _recording;
    private readonly List<(uint CSeq, ServerTransaction Transaction, SipResponse Response, ITimer Timer)> _retransmissions = [];
    private readonly List<ClientTransaction> _byes = [];
    private SessionOrigin? _origin;
    private IMediaSession? _media;
    private Dialog? _dialog;
    private ITimer? _inactivityTimer;
    private ITimer? _maxDurationTimer;
    private long _lastPackets;
    private DateTimeOffset _lastActivity;
    private bool _phoneInactive;
    private bool _recordingStarted;

    internal RecorderCall(CallManager manager, IRecorderCallRecording recording, ServerTransaction invite, SipRequest request, SipFlow flow,
        User caller, string target, SessionDescription offer)
    {
        _manager = manager;
        _recording = recording;
        _invite = invite;
        _request = request;
        _flow = flow;
        _offer = offer;
        Caller = caller;
        Target = target;
        Id = "r" + SipIds.NewTag()[..9];
        _mailbox = new CallMailbox(e => CallLog.Bug(manager.Logger, Id, e));
    }

    /// <summary>Short id for logs.</summary>
    public string Id { get; }

    public CallState State { get; private set; } = CallState.Trying;

    /// <summary>The authenticated caller, who owns the recording.</summary>
    public User Caller { get; }

    /// <summary>The recorder target called (e.g. <c>9999</c>).</summary>
    public string Target { get; }

    /// <summary>The recorder call's own Call-ID.</summary>
    public string CallId => _request.CallId ?? Id;

    /// <summary>The relay session (receive-only); null before answering or after release.</summary>
    public IMediaSession? MediaSession => _media;

    /// <summary>The phone's audio stream (address, payload types) from its latest offer.</summary>
    public MediaStreamInfo? AudioStream { get; private set; }

    /// <summary>The codec being recorded ("PCMU", "PCMA", "G722").</summary>
    public string? Codec { get; private set; }

    /// <summary>The conversation this recording belongs to, determined when the call is answered.</summary>
    public RecorderLink? Link { get; private set; }

    internal void Post(Action action) => _mailbox.Post(action);

    /// <summary>Answers at once: relay session, segment, 200 with a recvonly answer.</summary>
    internal void Start()
    {
        var template = RecorderAnswer.Build(_offer, null);
        if (!template.IsOk)
        {
            Reject(SipStatusCodes.NotAcceptableHere, null, Warning(template.Error!.WarningCode, template.Error.Message));
            Finish();
            return;
        }

        _media = _manager.Media.CreateSession(Id, _ => { });
        _media.ReceiveOnly = true;
        _origin = SessionOrigin.Create(_media.AdvertisedAddress);
        if (Rewrite(template.Value!) is not { } answer)
        {
            Reject(SipStatusCodes.ServiceUnavailable, "No Media Ports Available", null);
            Finish();
            return;
        }

        Codec = RecorderAnswer.CodecOf(answer.Media[template.Value!.Stream]);
        ApplyOffer(_offer, answer, template.Value.Stream, template.Value.Inactive);
        Link = _manager.FindLink(Caller.Extension);
        if (_recording.Start(this) is { } failure)
        {
            Reject(SipStatusCodes.ServerInternalError, "Recording Could Not Start", Warning(399, failure));
            Finish();
            return;
        }

        _recordingStarted = true;
        var ok = SipResponseFactory.Create(_request, SipStatusCodes.Ok, null, _tag);
        ok.Headers.Add(HeaderId.Contact, _manager.ContactFor(_flow));
        ok.Headers.Add(HeaderId.Allow, CallManager.AllowedMethods);
        SetSdpBody(ok, answer);
        _dialog = Dialog.CreateUas(_request, ok, _manager.ContactFor(_flow));
        if (_dialog is null)
        {
            Reject(SipStatusCodes.BadRequest, "Cannot Create Dialog", null);
            Finish();
            return;
        }

        _dialog.Confirm();
        _manager.RecorderDialogs.TryAdd(_dialog, this);
        _invite.Respond(ok);
        StartAnswerRetransmission(_invite, ok, _request.CSeq!.Value.Number);
        State = CallState.Connected;
        _lastActivity = _manager.Time.GetUtcNow();
        var timeout = _manager.Options.RecorderInactivityTimeout;
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, timeout.Ticks / 4));
        _inactivityTimer = _manager.Time.CreateTimer(_ => Post(CheckInactivity), null, period, period);
        _maxDurationTimer = _manager.Time.CreateTimer(_ => Post(() => End(408, "Maximum Recording Duration Reached")), null,
            _manager.Options.RecorderMaxDuration, Timeout.InfiniteTimeSpan);
        var ports = _media.GetPorts(MediaLeg.A, template.Value.Stream);
        RecorderLog.Answered(_manager.Logger, Id, Caller.Extension, Target, Codec ?? "?", ports?.RtpPort ?? 0, Link.Note);
    }

    /// <summary>A request in the recorder dialog.</summary>
    internal void OnInDialogRequest(ServerTransaction transaction, SipRequest request)
    {
        if (_dialog is null || State is not CallState.Connected)
        {
            transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.CallOrTransactionDoesNotExist));
            return;
        }

        if (_dialog.CheckInboundRequest(request) == DialogRequestCheck.OutOfOrder)
        {
            transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.ServerInternalError, "CSeq Out Of Order"));
            return;
        }

        switch (request.MethodKind)
        {
            case SipMethodKind.Bye:
                transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.Ok));
                RecorderLog.HungUp(_manager.Logger, Id);
                _dialog.Terminate();
                State = CallState.Terminating;
                Finish();
                return;
            case SipMethodKind.Invite or SipMethodKind.Update when !request.Body.IsEmpty:
                OnReOffer(transaction, request);
                return;
            case SipMethodKind.Invite:
                var refused = SipResponseFactory.Create(request, SipStatusCodes.NotAcceptableHere);
                refused.Headers.Add(HeaderId.Warning, Warning(399, "re-INVITE without an SDP offer is not supported"));
                transaction.Respond(refused);
                return;
            default:
                // UPDATE without an offer (a refresh), INFO (DTMF, media control), OPTIONS: nothing to do.
                transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.Ok));
                return;
        }
    }

    /// <summary>Hold / resume: answered with the same rules; the recorder keeps the timeline (silence while nothing arrives).</summary>
    private void OnReOffer(ServerTransaction transaction, SipRequest request)
    {
        _dialog!.RefreshTarget(request);
        var parsed = SdpParser.Parse(request.Body.Span);
        var template = parsed.IsOk ? RecorderAnswer.Build(parsed.Value!, Codec) : default;
        if (!parsed.IsOk || !template.IsOk)
        {
            var error = parsed.IsOk ? template.Error! : parsed.Error!;
            var refused = SipResponseFactory.Create(request, SipStatusCodes.NotAcceptableHere);
            refused.Headers.Add(HeaderId.Warning, Warning(error.WarningCode, error.Message));
            transaction.Respond(refused);
            return;
        }

        if (Rewrite(template.Value!) is not { } answer)
        {
            transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.ServiceUnavailable, "No Media Ports Available"));
            return;
        }

        ApplyOffer(parsed.Value!, answer, template.Value!.Stream, template.Value.Inactive);
        RecorderLog.ReOffer(_manager.Logger, Id, template.Value.Inactive ? "inactive" : "recvonly");
        var ok = SipResponseFactory.Create(request, SipStatusCodes.Ok);
        ok.Headers.Add(HeaderId.Contact, _manager.ContactFor(_flow));
        SetSdpBody(ok, answer);
        transaction.Respond(ok);
        if (request.MethodKind == SipMethodKind.Invite)
        {
            StartAnswerRetransmission(transaction, ok, request.CSeq!.Value.Number);
        }
    }

    /// <summary>The ACK for one of our 2xx: stops its retransmission.</summary>
    internal void OnAck(SipRequest ack)
    {
        var cseq = ack.CSeq?.Number;
        for (var i = _retransmissions.Count - 1; i >= 0; i--)
        {
            if (_retransmissions[i].CSeq == cseq)
            {
                _retransmissions[i].Timer.Dispose();
                _retransmissions.RemoveAt(i);
            }
        }
    }

    /// <summary>A CANCEL: the INVITE was answered at once, so it has no effect (RFC 3261 §9.2) unless it came first.</summary>
    internal void OnCancel(ServerTransaction cancel, SipRequest request)
    {
        cancel.Respond(SipResponseFactory.Create(request, SipStatusCodes.Ok));
        if (State == CallState.Trying)
        {
            Reject(SipStatusCodes.RequestTerminated, null, null);
            Finish();
        }
    }

    /// <summary>The answer to our BYE, or its failure: the call is over either way.</summary>
    internal void OnByeDone(ClientTransaction transaction)
    {
        if (_byes.Remove(transaction) && _byes.Count == 0)
        {
            Finish();
        }
    }

    /// <summary>A server transaction of ours failed (a 2xx could not be delivered).</summary>
    internal void OnServerTransactionFailed(bool timeout) => End(timeout ? 408 : 503, timeout ? "Request Timeout" : "Transport Error");

    private SessionDescription? Rewrite(RecorderAnswer.Template template)
    {
        if (_media!.GetPorts(MediaLeg.A, template.Stream) is not { } ports)
        {
            return null;
        }

        return OfferAnswer.RewriteForRelay(template.Answer, _media.AdvertisedAddress, _ => (ports.RtpPort, ports.RtcpPort), _origin!);
    }

    /// <summary>The phone's endpoint for symmetric latching (nothing is ever sent to it) and its payload types.</summary>
    private void ApplyOffer(SessionDescription offer, SessionDescription answer, int stream, bool inactive)
    {
        var streams = OfferAnswer.ExtractStreams(offer, answer);
        if (stream < streams.Count && streams[stream].IsActive)
        {
            _media!.SetRemote(MediaLeg.A, streams[stream]);
            AudioStream ??= streams[stream];
        }

        if (_phoneInactive && !inactive)
        {
            _lastActivity = _manager.Time.GetUtcNow(); // the inactivity clock restarts on resume
        }

        _phoneInactive = inactive;
    }

    private void CheckInactivity()
    {
        if (State != CallState.Connected || _media is null)
        {
            return;
        }

        var now = _manager.Time.GetUtcNow();
        var packets = _media.GetCounters(MediaLeg.A).PacketsReceived;
        if (packets != _lastPackets || _phoneInactive)
        {
            _lastPackets = packets;
            _lastActivity = now;
            return;
        }

        if (now - _lastActivity >= _manager.Options.RecorderInactivityTimeout)
        {
            End(408, "RTP Timeout");
        }
    }

    /// <summary>Lyrebird ends the call (RTP stall, maximum duration, failure): BYE with a Reason; what was recorded is kept.</summary>
    private void End(int cause, string text)
    {
        if (State != CallState.Connected)
        {
            return;
        }

        RecorderLog.Ended(_manager.Logger, Id, cause, text);
        State = CallState.Terminating;
        StopTimers();
        StopRecording();
        if (_dialog is { State: not DialogState.Terminated } dialog)
        {
            var bye = dialog.CreateRequest(SipMethods.Bye, _manager.NewVia(_flow));
            bye.Headers.Add(HeaderId.Reason, $"SIP;cause={cause.ToString(CultureInfo.InvariantCulture)};text=\"{text}\"");
            bye.Headers.Set(HeaderId.UserAgent, _manager.Options.Product);
            dialog.Terminate();
            var transaction = _manager.Layer.SendRequest(bye, _flow);
            _byes.Add(transaction);
            _manager.Track(transaction, this);
            return;
        }

        Finish();
    }

    private void Reject(int status, string? reason, string? warning)
    {
        if (!_invite.HasFinalResponse)
        {
            var response = SipResponseFactory.Create(_request, status, reason, _tag);
            if (warning is not null)
            {
                response.Headers.Add(HeaderId.Warning, warning);
            }

            _invite.Respond(response);
        }

        State = CallState.Terminating;
    }

    private void StartAnswerRetransmission(ServerTransaction transaction, SipResponse response, uint cseq)
    {
        if (_flow.IsReliable)
        {
            return;
        }

        var t1 = _manager.Layer.Timers.T1;
        var t2 = _manager.Layer.Timers.T2;
        var interval = t1;
        var elapsed = TimeSpan.Zero;
        ITimer? timer = null;
        timer = _manager.Time.CreateTimer(_ => Post(Retransmit), null, t1, Timeout.InfiniteTimeSpan);
        _retransmissions.Add((cseq, transaction, response, timer));

        void Retransmit()
        {
            if (!_retransmissions.Exists(r => ReferenceEquals(r.Timer, timer)) || State != CallState.Connected)
            {
                return;
            }

            elapsed += interval;
            if (elapsed >= 64 * t1)
            {
                _retransmissions.RemoveAll(r => ReferenceEquals(r.Timer, timer));
                timer!.Dispose();
                End(408, "ACK Not Received");
                return;
            }

            transaction.Respond(response);
            interval = interval * 2 < t2 ? interval * 2 : t2;
            timer!.Change(interval, Timeout.InfiniteTimeSpan);
        }
    }

    private void StopTimers()
    {
        _inactivityTimer?.Dispose();
        _inactivityTimer = null;
        _maxDurationTimer?.Dispose();
        _maxDurationTimer = null;
        foreach (var r in _retransmissions)
        {
            r.Timer.Dispose();
        }

        _retransmissions.Clear();
    }

    private void StopRecording()
    {
        if (_recordingStarted)
        {
            _recordingStarted = false;
            _ = _recording.StopAsync(this); // logs its own failures; the file is kept either way
        }
    }

    /// <summary>Releases everything: segment finished, dialog removed, relay disposed, call removed.</summary>
    private void Finish()
    {
        if (State == CallState.Terminated)
        {
            return;
        }

        State = CallState.Terminated;
        StopTimers();
        StopRecording();
        if (_dialog is not null)
        {
            _dialog.Terminate();
            _manager.RecorderDialogs.Remove(_dialog);
        }

        if (_media is not null)
        {
            var counters = _media.GetCounters(MediaLeg.A);
            var back = _media.GetCounters(MediaLeg.B);
            _media.Dispose();
            _media = null;
            RecorderLog.Finished(_manager.Logger, Id, counters.PacketsReceived, back.PacketsForwarded + counters.PacketsForwarded);
        }

        _manager.Remove(this);
    }

    private static void SetSdpBody(SipMessage message, SessionDescription sdp)
    {
        message.Headers.Set(HeaderId.ContentType, "application/sdp");
        message.Body = SdpWriter.WriteUtf8(sdp);
    }

    private static string Warning(int code, string text) =>
        $"{code.ToString(CultureInfo.InvariantCulture)} lyrebird \"{text.Replace('"', '\'')}\"";
}
