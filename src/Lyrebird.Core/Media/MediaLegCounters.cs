namespace Lyrebird.Core.Media;

/// <summary>Packet counters of one leg of a relay session, summed over its streams. "Received" counts packets that
/// arrived from this leg's phone; "Forwarded" those of them sent on to the other leg.</summary>
public readonly record struct MediaLegCounters(
    long PacketsReceived,
    long BytesReceived,
    long PacketsForwarded,
    long DroppedUnexpectedSource,
    long DroppedNoDestination,
    long DroppedInvalid)
{
    public override string ToString() =>
        $"received {PacketsReceived} ({BytesReceived} bytes), forwarded {PacketsForwarded}, dropped: source {DroppedUnexpectedSource}, " +
        $"no destination {DroppedNoDestination}, invalid {DroppedInvalid}";
}
