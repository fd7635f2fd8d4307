using System.Net;
using System.Net.Sockets;

namespace Lyrebird.Core.Media;

/// <summary>
/// One leg's side of one relayed stream: its two sockets, where its phone said it receives (advertised, from SDP),
/// where its packets really come from (latched), and counters. Fields marked "Interlocked" are updated by receive
/// loops; the endpoints are guarded by <see cref="_lock"/>.
/// </summary>
internal sealed class RelayEndpoint(Socket rtp, Socket rtcp, int port)
{
    private readonly Lock _lock = new();
    private IPEndPoint? _advertisedRtp;
    private IPEndPoint? _advertisedRtcp;
    private IPEndPoint? _latchedRtp;
    private IPEndPoint? _latchedRtcp;
    private bool _mux;

    // Interlocked counters.
    public long PacketsReceived;
    public long BytesReceived;
    public long PacketsForwarded;
    public long DroppedUnexpectedSource;
    public long DroppedNoDestination;
    public long DroppedInvalid;

    public Socket Rtp { get; } = rtp;

    public Socket Rtcp { get; } = rtcp;

    public int Port { get; } = port;

    /// <summary>Sets the endpoints from SDP; a changed endpoint forgets the latched one (the phone moved).</summary>
    public void SetAdvertised(IPEndPoint? rtpEndPoint, IPEndPoint? rtcpEndPoint, bool mux)
    {
        lock (_lock)
        {
            if (!Equals(_advertisedRtp, rtpEndPoint) || _mux != mux)
            {
                _latchedRtp = null;
                _latchedRtcp = null;
            }

            _advertisedRtp = Usable(rtpEndPoint);
            _advertisedRtcp = mux ? _advertisedRtp : Usable(rtcpEndPoint);
            _mux = mux;
        }
    }

    /// <summary>
    /// A packet arrived from this leg's phone on the RTP (or RTCP) socket. Returns whether the packet goes out as RTCP
    /// (under rtcp-mux an RTCP packet arrives on the RTP socket and leaves on the other leg's RTP socket), or null when
    /// it is dropped: not RTP/RTCP version 2, or from a source other than the latched one. The first valid packet
    /// latches its source (symmetric RTP).
    /// </summary>
    public bool? Accept(IPEndPoint source, ReadOnlySpan<byte> packet, bool rtcp)
    {
        Interlocked.Increment(ref PacketsReceived);
        Interlocked.Add(ref BytesReceived, packet.Length);
        if (packet.Length < (rtcp ? 8 : 12) || packet[0] >> 6 != 2)
        {
            Interlocked.Increment(ref DroppedInvalid);
            return null;
        }

        lock (_lock)
        {
            ref var latched = ref rtcp ? ref _latchedRtcp : ref _latchedRtp;
            if (latched is null)
            {
                latched = source;
            }
            else if (!latched.Equals(source))
            {
                Interlocked.Increment(ref DroppedUnexpectedSource);
                return null;
            }
        }

        return rtcp;
    }

    /// <summary>Where a packet for this leg's phone goes: the latched source, else the advertised endpoint. Null when
    /// neither is known yet.</summary>
    public (IPEndPoint EndPoint, bool Rtcp)? DestinationFor(bool rtcp)
    {
        lock (_lock)
        {
            if (rtcp && !_mux)
            {
                var target = _latchedRtcp ?? _advertisedRtcp;
                return target is null ? null : (target, true);
            }

            var rtpTarget = _latchedRtp ?? _advertisedRtp;
            return rtpTarget is null ? null : (rtpTarget, false);
        }
    }

    private static IPEndPoint? Usable(IPEndPoint? endpoint) =>
        endpoint is null || endpoint.Port == 0 || endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any) ? null : endpoint;
}
