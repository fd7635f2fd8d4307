namespace Lyrebird.Media.Recording;

/// <summary>How a segment ended.</summary>
/// <param name="Status">Completed or Failed.</param>
/// <param name="FailureReason">Why it failed; null when completed.</param>
/// <param name="Path">The WAV file.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="Channels">1 or 2.</param>
/// <param name="Frames">Frames in the file (samples per channel).</param>
/// <param name="FileSize">Bytes in the file (0 if it could not be read).</param>
/// <param name="Sha256">SHA-256 of the finished file; null when the recording failed.</param>
/// <param name="Caller">Channel 1's packets.</param>
/// <param name="Callee">Channel 2's packets; null for mono.</param>
public sealed record RecordingResult(
    RecordingStatus Status,
    string? FailureReason,
    string Path,
    int SampleRate,
    int Channels,
    long Frames,
    long FileSize,
    byte[]? Sha256,
    RecordingChannelStatistics Caller,
    RecordingChannelStatistics? Callee)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / SampleRate);

    /// <summary>Packets the taps dropped because a queue was full, both channels.</summary>
    public long DroppedPackets => Caller.QueueDrops + (Callee?.QueueDrops ?? 0);

    public string? Sha256Hex => Sha256 is null ? null : Convert.ToHexStringLower(Sha256);
}
