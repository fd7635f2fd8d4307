using Lyrebird.Media.Rtp;

namespace Lyrebird.Media.Relay;

/// <summary>One packet handed to an <see cref="IMediaTap"/>. Valid only during the call.</summary>
public readonly ref struct MediaTapPacket
{
    internal MediaTapPacket(ReadOnlySpan<byte> data, long timestamp, MediaLegId receivedOn, MediaPacketKind kind, RtpHeader rtp, bool forwarded)
    {
        Data = data;
        Timestamp = timestamp;
        ReceivedOn = receivedOn;
        Kind = kind;
        Rtp = rtp;
        Forwarded = forwarded;
    }

    /// <summary>The whole UDP payload (RTP header included).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Arrival time from the relay's <see cref="TimeProvider.GetTimestamp"/>.</summary>
    public long Timestamp { get; }

    /// <summary>The leg the packet arrived on.</summary>
    public MediaLegId ReceivedOn { get; }

    public MediaDirection Direction => ReceivedOn == MediaLegId.A ? MediaDirection.AToB : MediaDirection.BToA;

    public MediaPacketKind Kind { get; }

    /// <summary>The parsed RTP header when <see cref="Kind"/> is <see cref="MediaPacketKind.Rtp"/>; default otherwise.</summary>
    public RtpHeader Rtp { get; }

    /// <summary>False when the other leg had no destination yet (no SDP and no latched source) or on hold.</summary>
    public bool Forwarded { get; }
}
