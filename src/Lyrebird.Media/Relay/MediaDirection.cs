namespace Lyrebird.Media.Relay;

/// <summary>Direction of a relayed packet: received on leg A and sent out of leg B, or the reverse.</summary>
public enum MediaDirection
{
    AToB,
    BToA,
}
