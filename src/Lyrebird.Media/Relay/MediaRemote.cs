using System.Net;

namespace Lyrebird.Media.Relay;

/// <summary>
/// Where a leg's phone said (in its SDP) it receives media. Immutable: <see cref="MediaLeg.UpdateRemote"/> swaps the
/// whole value, which the relay thread picks up without a lock.
/// </summary>
public sealed record MediaRemote
{
    /// <param name="rtp">The c= address and m= port. Address 0.0.0.0 / :: or port 0 means "do not send" (hold).</param>
    /// <param name="rtcp">The a=rtcp endpoint; null means the RTP port + 1 (RFC 3550 §11).</param>
    /// <param name="rtcpMux">RFC 5761 a=rtcp-mux negotiated: RTCP shares the RTP port in both directions.</param>
    public MediaRemote(IPEndPoint rtp, IPEndPoint? rtcp = null, bool rtcpMux = false)
    {
        ArgumentNullException.ThrowIfNull(rtp);
        Rtp = rtp;
        Rtcp = rtcp ?? new IPEndPoint(rtp.Address, rtp.Port == 0 ? 0 : rtp.Port + 1);
        RtcpMux = rtcpMux;
    }

    public IPEndPoint Rtp { get; }

    public IPEndPoint Rtcp { get; }

    public bool RtcpMux { get; }

    /// <summary>False for RFC 3264 hold (unspecified address) or a rejected stream (port 0).</summary>
    public bool CanSend => Rtp.Port != 0 && !Rtp.Address.Equals(IPAddress.Any) && !Rtp.Address.Equals(IPAddress.IPv6Any);
}
