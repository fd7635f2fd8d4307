namespace Lyrebird.Core.Media;

/// <summary>
/// Anchors a call's media: every RTP and RTCP packet of the call flows through relay ports owned by Lyrebird, which is
/// what makes recording possible. Core's calls use only this interface; the implementation is swappable.
/// </summary>
/// <remarks>
/// Implementations: <see cref="RelayMediaAnchor"/> (the default: Lyrebird.Media's relay, dedicated epoll threads, no
/// per-packet allocation; Linux x86-64) and <see cref="SimpleUdpRelayAnchor"/> (plain sockets, any platform; the
/// fallback). <see cref="PbxOptions.MediaRelay"/> chooses. The media layer knows nothing about SIP: it receives endpoints (<see cref="Lyrebird.Sdp.Negotiation.MediaStreamInfo"/>)
/// and reports inactivity.
/// </remarks>
public interface IMediaAnchor
{
    /// <summary>
    /// A relay session for one call with two legs (<see cref="MediaLeg.A"/>, <see cref="MediaLeg.B"/>).
    /// <paramref name="onInactive"/> is called once, on an arbitrary thread, when the monitored session saw no packet
    /// for the inactivity timeout (see <see cref="IMediaSession.StartInactivityMonitor"/>).
    /// </summary>
    /// <param name="name">For logs (the call id).</param>
    IMediaSession CreateSession(string name, Action<IMediaSession> onInactive);
}
