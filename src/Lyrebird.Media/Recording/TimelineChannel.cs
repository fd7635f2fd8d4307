namespace Lyrebird.Media.Recording;

/// <summary>One channel of a <see cref="RecordingTimeline"/>: the stream's anchor, duplicate window, decoder and the
/// ring of samples not yet written. Owned by the writer thread.</summary>
internal sealed class TimelineChannel
{
    public TimelineChannel(RecordingCodec[] map, int ringFrames)
    {
        Map = map;
        Ring = new short[ringFrames];
    }

    public RecordingCodec[] Map { get; }

    /// <summary>Samples for frames [cursor, cursor + Ring.Length), indexed by frame &amp; mask; zero = silence.</summary>
    public short[] Ring { get; }

    public G722Decoder? G722 { get; set; }

    public bool Anchored { get; set; }

    public uint Ssrc { get; set; }

    public ushort HighestSequence { get; set; }

    /// <summary>Bit i set: sequence HighestSequence − i was seen.</summary>
    public ulong SequenceWindow { get; set; }

    /// <summary>Extended (64-bit) RTP timestamp of the newest packet.</summary>
    public long HighestTimestamp { get; set; }

    public long AnchorTimestamp { get; set; }

    public long AnchorFrame { get; set; }

    public long Packets;
    public long Placed;
    public long Duplicates;
    public long Reordered;
    public long Late;
    public long Invalid;
    public long UnknownPayloadType;
    public long IgnoredPayloadType;
    public int FirstUnknownPayloadType = -1;
    public long SsrcChanges;
    public long Reanchors;

    public RecordingChannelStatistics Snapshot(long queueDrops) =>
        new(Packets, Placed, queueDrops, Duplicates, Reordered, Late, Invalid, UnknownPayloadType, IgnoredPayloadType,
            FirstUnknownPayloadType, SsrcChanges, Reanchors);
}
