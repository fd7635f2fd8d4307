namespace Lyrebird.Media.Recording;

/// <summary>What happened to one channel's packets.</summary>
/// <param name="Packets">Packets that reached the timeline (queued and drained).</param>
/// <param name="Placed">Packets decoded and placed (possibly partly, at the edges of the recording).</param>
/// <param name="QueueDrops">Packets the tap dropped because the queue was full (or the packet larger than a slot).</param>
/// <param name="Duplicates">Packets with a sequence number already seen: dropped.</param>
/// <param name="Reordered">Packets that arrived after a later one and were put in their place.</param>
/// <param name="Late">Packets that arrived after their place had been written (beyond the jitter window): dropped.</param>
/// <param name="Invalid">Not RTP version 2, or a malformed header.</param>
/// <param name="UnknownPayloadType">Payload types not in the stream's map: dropped.</param>
/// <param name="IgnoredPayloadType">Payload types mapped to <see cref="RecordingCodec.Ignored"/> (telephone-event, CN).</param>
/// <param name="FirstUnknownPayloadType">The first unknown payload type seen, or −1.</param>
/// <param name="SsrcChanges">New SSRCs after the first (each re-anchors the stream).</param>
/// <param name="Reanchors">Timestamp jumps that re-anchored the stream to arrival time (SSRC changes excluded).</param>
public sealed record RecordingChannelStatistics(
    long Packets,
    long Placed,
    long QueueDrops,
    long Duplicates,
    long Reordered,
    long Late,
    long Invalid,
    long UnknownPayloadType,
    long IgnoredPayloadType,
    int FirstUnknownPayloadType,
    long SsrcChanges,
    long Reanchors);
