using Lyrebird.Core.Calls;
using Lyrebird.Core.Media;
using Lyrebird.Core.Users;
using Lyrebird.Media.Recording;
using Lyrebird.Sdp.Negotiation;
using Lyrebird.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Recording;

/// <summary>
/// On-demand and mandatory recording of calls (RECORDING.md §1): the phone's Record key (INFO with
/// <c>Record: on</c> / <c>off</c>), and users whose policy is "always".
/// </summary>
/// <remarks>
/// <para>Answers, in order of the checks:</para>
/// <list type="table">
/// <item><term>value other than on/off (any case)</term><description>400 Bad Record Header, never treated as off</description></item>
/// <item><term>call not answered yet</term><description>403 + Warning "Call not answered yet"</description></item>
/// <item><term>presser's policy is never</term><description>403 + Warning "Recording not permitted"</description></item>
/// <item><term>on, already recording</term><description>200, nothing changes (idempotent, never a toggle)</description></item>
/// <item><term>on</term><description>file and catalogue row created and the relay tapped first, then 200; if that fails 500 + Warning</description></item>
/// <item><term>off, recording is mandatory (a party's policy is always)</term><description>403 + Warning; recording goes on</description></item>
/// <item><term>off</term><description>the segment is finished (file complete, catalogued) first, then 200; 200 too when nothing was recording</description></item>
/// </list>
/// <para>The presser's own policy decides whether they may record; a party whose policy is "always" makes the whole call
/// mandatory. Segments are grouped by the caller leg's Call-ID.</para>
/// <para>Threads: hooks run on the call's mailbox (one at a time per call); the relay tap runs on relay threads and only
/// reads <see cref="CallRecordingState.Active"/> through a volatile field.</para>
/// </remarks>
public sealed partial class CallRecordingController(RecordingService recordings, UserDirectory users, TimeProvider time, ILogger<CallRecordingController> logger)
    : ICallRecordingControl, IRecorderCallRecording
{
    private readonly Dictionary<Call, CallRecordingState> _calls = [];
    private readonly Lock _lock = new();

    /// <summary>Calls with recording state (an open segment, or mandatory recording).</summary>
    public int TrackedCalls
    {
        get
        {
            lock (_lock)
            {
                return _calls.Count;
            }
        }
    }

    public async ValueTask<RecordingControlResponse> OnRecordRequestAsync(Call call, CallParty party, string recordHeader)
    {
        var on = recordHeader.Equals("on", StringComparison.OrdinalIgnoreCase);
        if (!on && !recordHeader.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return new(SipStatusCodes.BadRequest, "Bad Record Header", "Record must be on or off");
        }

        if (call.State != CallState.Connected || call.MediaSession is null)
        {
            return new(SipStatusCodes.Forbidden, "Forbidden", "Call not answered yet");
        }

        var presser = party == CallParty.Caller ? call.Caller : users.Find(call.CalleeExtension);
        if (presser is { RecordingPolicy: RecordingPolicy.Never })
        {
            return new(SipStatusCodes.Forbidden, "Forbidden", "Recording not permitted");
        }

        var state = StateOf(call);
        if (on)
        {
            if (state.Active is not null)
            {
                return new(SipStatusCodes.Ok, "OK");
            }

            var failure = Start(call, state, RecordingMode.OnDemand, presser?.Extension ?? (party == CallParty.Caller ? call.CallerExtension : call.CalleeExtension));
            return failure is null
                ? new(SipStatusCodes.Ok, "OK")
                : new(SipStatusCodes.ServerInternalError, "Server Internal Error", failure);
        }

        if (state.Mandatory)
        {
            return new(SipStatusCodes.Forbidden, "Forbidden", "Recording is mandatory for this call");
        }

        await StopAsync(call, state);
        return new(SipStatusCodes.Ok, "OK");
    }

    public void OnConnected(Call call)
    {
        var callee = users.Find(call.CalleeExtension);
        var owner = call.Caller.RecordingPolicy == RecordingPolicy.Always ? call.Caller
            : callee is { RecordingPolicy: RecordingPolicy.Always } ? callee : null;
        if (owner is null)
        {
            return;
        }

        var state = StateOf(call);
        state.Mandatory = true;
        if (Start(call, state, RecordingMode.Always, owner.Extension) is { } failure)
        {
            CallRecordingLog.MandatoryStartFailed(logger, call.Id, failure);
        }
    }

    public void OnEnded(Call call)
    {
        CallRecordingState? state;
        lock (_lock)
        {
            _calls.Remove(call, out state);
        }

        if (state?.Active is not null)
        {
            _ = StopAsync(call, state); // the segment ends at the hang-up; finishing it does not hold up the call's teardown
        }
    }

    private CallRecordingState StateOf(Call call)
    {
        lock (_lock)
        {
            if (!_calls.TryGetValue(call, out var state))
            {
                state = new CallRecordingState();
                _calls.Add(call, state);
            }

            return state;
        }
    }

    /// <summary>Opens a segment and taps the relay; returns null, or the reason it could not start.</summary>
    private string? Start(Call call, CallRecordingState state, RecordingMode mode, string owner)
    {
        var callerStream = call.AudioStream(MediaLeg.A);
        var calleeStream = call.AudioStream(MediaLeg.B);
        var codec = RecordedCodec(calleeStream) ?? RecordedCodec(callerStream);
        if (codec is null || call.MediaSession is not { } media)
        {
            return "No recordable audio stream in this call";
        }

        var callee = users.Find(call.CalleeExtension);
        var started = recordings.Start(new RecordingRequest
        {
            CallId = call.CallerCallId ?? call.Id,
            Mode = mode,
            Owner = owner,
            Caller = new RecordedParty(call.CallerExtension, call.Caller.DisplayName, $"sip:{call.CallerExtension}@{users.Realm}"),
            Callee = new RecordedParty(call.CalleeExtension, callee?.DisplayName, $"sip:{call.CalleeExtension}@{users.Realm}"),
            Codec = codec,
            CallerPayloads = PayloadMap(callerStream),
            CalleePayloads = PayloadMap(calleeStream),
            StartTimestamp = time.GetTimestamp(),
        });
        if (started.Recording is not { } recording)
        {
            return started.FailureReason ?? "Recording could not start";
        }

        state.Active = recording;
        media.Tap = state;
        return null;
    }

    private async Task StopAsync(Call call, CallRecordingState state)
    {
        var recording = state.Active;
        if (recording is null)
        {
            return;
        }

        var stop = time.GetTimestamp();
        state.Active = null;
        if (call.MediaSession is { } media && ReferenceEquals(media.Tap, state))
        {
            media.Tap = null;
        }

        try
        {
            await recordings.StopAsync(recording, stop);
        }
#pragma warning disable CA1031 // the file is kept and repaired at the next start-up; the call must not fail because of it
        catch (Exception e)
#pragma warning restore CA1031
        {
            CallRecordingLog.StopFailed(logger, call.Id, recording.Entry.Id, e);
        }
    }

    /// <summary>The catalogue's codec name for the first recordable payload of a stream.</summary>
    private static string? RecordedCodec(MediaStreamInfo? stream)
    {
        foreach (var payload in stream?.Payloads ?? Enumerable.Empty<PayloadFormat>())
        {
            if (CodecOf(payload) is RecordingCodec.Pcmu or RecordingCodec.Pcma or RecordingCodec.G722)
            {
                return payload.EncodingName.ToUpperInvariant();
            }
        }

        return null;
    }

    /// <summary>The static map (0 PCMU, 8 PCMA, 9 G722) plus this stream's dynamic payload types by name.</summary>
    private static RecordingPayloadMap PayloadMap(MediaStreamInfo? stream)
    {
        var map = RecordingPayloadMap.CreateStatic();
        foreach (var payload in stream?.Payloads ?? Enumerable.Empty<PayloadFormat>())
        {
            map.Map(payload.PayloadType, CodecOf(payload));
        }

        return map;
    }

    private static RecordingCodec CodecOf(PayloadFormat payload) => payload.EncodingName.ToUpperInvariant() switch
    {
        "PCMU" => RecordingCodec.Pcmu,
        "PCMA" => RecordingCodec.Pcma,
        "G722" => RecordingCodec.G722,
        _ when payload.IsTelephoneEvent => RecordingCodec.Ignored,
        "CN" => RecordingCodec.Ignored,
        _ => RecordingCodec.Unknown,
    };

    /// <summary>A call's recording state; also the relay tap that feeds its open segment.</summary>
    private sealed class CallRecordingState : IRtpTap
    {
        private ActiveRecording? _active;

        /// <summary>The open segment; written on the call's mailbox, read by relay threads.</summary>
        public ActiveRecording? Active
        {
            get => Volatile.Read(ref _active);
            set => Volatile.Write(ref _active, value);
        }

        /// <summary>A party's policy is "always": Record: off is refused. Written once, on the mailbox.</summary>
        public bool Mandatory { get; set; }

        public void OnRtp(MediaLeg from, ReadOnlySpan<byte> packet, long timestamp) =>
            Active?.Tap(packet, timestamp, from == MediaLeg.A ? RecordingParty.Caller : RecordingParty.Callee);
    }
}
