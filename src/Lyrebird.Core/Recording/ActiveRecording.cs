using Lyrebird.Media.Recording;

namespace Lyrebird.Core.Recording;

/// <summary>A segment being written: its catalogue row as started, and the session the relay taps into.</summary>
public sealed class ActiveRecording(RecordingEntry entry, RecordingSession session)
{
    public RecordingEntry Entry { get; } = entry;

    internal RecordingSession Session { get; } = session;

    /// <summary>Hands one RTP packet to the recorder. Called on the relay thread: copies, never blocks, never allocates.</summary>
    public void Tap(ReadOnlySpan<byte> packet, long arrivalTimestamp, RecordingParty party) => Session.Tap(packet, arrivalTimestamp, party);
}
