namespace Lyrebird.Media.Relay;

/// <summary>A snapshot of one leg's counters ("in" = received from the leg's phone, "out" = sent to it).</summary>
public readonly record struct MediaLegCounters(
    long PacketsIn,
    long BytesIn,
    long PacketsOut,
    long BytesOut,
    long DroppedUnexpectedSource,
    long DroppedInvalid,
    long DroppedNoDestination,
    long SendErrors,
    long LastReceivedTimestamp);
