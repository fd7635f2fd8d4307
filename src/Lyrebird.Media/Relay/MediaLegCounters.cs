namespace Lyrebird.Media.Relay;

/// <summary>
/// A snapshot of one leg's counters ("in" = received from the leg's phone and accepted, "out" = sent to it).
/// <see cref="LastRtpTimestamp"/> is in the relay's <see cref="TimeProvider"/> timestamp units (0 = never).
/// </summary>
public readonly record struct MediaLegCounters(
    long PacketsIn,
    long BytesIn,
    long PacketsOut,
    long BytesOut,
    long DroppedUnexpectedSource,
    long DroppedInvalid,
    long DroppedNoDestination,
    long SendErrors,
    long LastRtpTimestamp);
