using Lyrebird.Core.Calls;
using Lyrebird.Core.Media;
using Lyrebird.Media.Recording;

namespace Lyrebird.Core.Recording;

/// <summary>Recorder-URI calls (RECORDING.md §2): one mono segment per call, mode <c>recorder</c>, owned by the caller.
/// The row keeps the recorder call's own Call-ID (its segments are numbered on their own, apart from any on-demand
/// segments of the conversation); the linked conversation is named in <see cref="RecordingEntry.LinkNote"/> and its
/// remote party is the row's callee, so that party sees the recording too.</summary>
public sealed partial class CallRecordingController
{
    private readonly Dictionary<RecorderCall, RecorderTap> _recorderCalls = [];

    public string? Start(RecorderCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.MediaSession is not { } media || call.Codec is not { } codec)
        {
            return "No recordable audio stream in this call";
        }

        var link = call.Link;
        var callee = link?.RemoteExtension is { } remote
            ? new RecordedParty(remote, users.Find(remote)?.DisplayName, $"sip:{remote}@{users.Realm}")
            : null;
        var started = recordings.Start(new RecordingRequest
        {
            CallId = call.CallId,
            Mode = RecordingMode.Recorder,
            Owner = call.Caller.Extension,
            Caller = new RecordedParty(call.Caller.Extension, call.Caller.DisplayName, $"sip:{call.Caller.Extension}@{users.Realm}"),
            Callee = callee,
            Codec = codec,
            Channels = 1,
            CallerPayloads = PayloadMap(call.AudioStream),
            StartTimestamp = time.GetTimestamp(),
            LinkNote = link?.Note,
        });
        if (started.Recording is not { } recording)
        {
            return started.FailureReason ?? "Recording could not start";
        }

        var tap = new RecorderTap(recording);
        lock (_lock)
        {
            _recorderCalls[call] = tap;
        }

        media.Tap = tap;
        return null;
    }

    public async Task StopAsync(RecorderCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        RecorderTap? tap;
        lock (_lock)
        {
            _recorderCalls.Remove(call, out tap);
        }

        if (tap is null)
        {
            return;
        }

        var stop = time.GetTimestamp();
        if (call.MediaSession is { } media && ReferenceEquals(media.Tap, tap))
        {
            media.Tap = null;
        }

        try
        {
            await recordings.StopAsync(tap.Recording, stop);
        }
#pragma warning disable CA1031 // the file is kept and repaired at the next start-up
        catch (Exception e)
#pragma warning restore CA1031
        {
            CallRecordingLog.StopFailed(logger, call.Id, tap.Recording.Entry.Id, e);
        }
    }

    /// <summary>Feeds everything the phone sends into the mono segment.</summary>
    private sealed class RecorderTap(ActiveRecording recording) : IRtpTap
    {
        public ActiveRecording Recording { get; } = recording;

        public void OnRtp(MediaLeg from, ReadOnlySpan<byte> packet, long timestamp)
        {
            if (from == MediaLeg.A)
            {
                Recording.Tap(packet, timestamp, RecordingParty.Caller);
            }
        }
    }
}
