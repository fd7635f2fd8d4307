using System.Net;
using Lyrebird.Sdp.Negotiation;

namespace Lyrebird.Core.Media;

/// <summary>
/// The relay of one call. Streams are numbered by their m= line; stream <c>i</c> of leg A is relayed to stream <c>i</c>
/// of leg B and back. Disposing releases every port and stops every loop and timer.
/// </summary>
/// <remarks>Thread-safe: the call configures it while relay threads forward packets.</remarks>
public interface IMediaSession : IDisposable
{
    /// <summary>The address both legs' SDP advertise (c=).</summary>
    IPAddress AdvertisedAddress { get; }

    /// <summary>
    /// The local ports of stream <paramref name="streamIndex"/> on <paramref name="leg"/>, allocating the stream on both
    /// legs on first use. Null when the port range is exhausted.
    /// </summary>
    RelayPorts? GetPorts(MediaLeg leg, int streamIndex);

    /// <summary>
    /// Where <paramref name="leg"/>'s phone said it receives stream <see cref="MediaStreamInfo.Index"/> (from its SDP),
    /// and whether RTCP is multiplexed. Packets are sent there until the phone's own packets show where it really is
    /// (symmetric latching); a new advertised endpoint (e.g. after a re-INVITE) restarts latching.
    /// </summary>
    void SetRemote(MediaLeg leg, MediaStreamInfo stream);

    /// <summary>Starts watching for inactivity (call it when the call is answered): no packet on any leg for the timeout
    /// calls the session's inactivity callback once.</summary>
    void StartInactivityMonitor();

    MediaLegCounters GetCounters(MediaLeg leg);

    /// <summary>Where copies of the session's RTP go (the recorder), or null for none. May be set and cleared at any
    /// time from any thread; the relay picks the change up at the next packet.</summary>
    IRtpTap? Tap { get; set; }

    /// <summary>When true, nothing is forwarded in either direction (packets are still received, counted and tapped):
    /// a recorder call's session, which must never send RTP to the phone. May be set at any time from any thread.</summary>
    bool ReceiveOnly { get; set; }
}
