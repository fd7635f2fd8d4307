namespace Lyrebird.Sdp.Model;

/// <summary>The direction attributes of RFC 4566 §6 / RFC 3264 §5.1, from the point of view of the SDP's author.</summary>
public enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
