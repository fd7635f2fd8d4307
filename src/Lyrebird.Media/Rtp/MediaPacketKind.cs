namespace Lyrebird.Media.Rtp;

/// <summary>Whether a relayed packet is RTP or RTCP.</summary>
public enum MediaPacketKind
{
    Rtp,
    Rtcp,
}
