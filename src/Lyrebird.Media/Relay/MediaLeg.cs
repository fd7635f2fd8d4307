using System.Net;
using System.Net.Sockets;
using Lyrebird.Media.Rtp;

namespace Lyrebird.Media.Relay;

/// <summary>
/// One side of a <see cref="MediaSession"/>: the local RTP/RTCP port pair a phone sends to, where that phone said it
/// receives (<see cref="Remote"/>), and where its packets really come from (symmetric RTP latching).
/// </summary>
/// <remarks>
/// Latching rule: until the first valid RTP packet arrives on the RTP port, RTP to the phone goes to the SDP address;
/// that packet's source (whatever it is: the phone may be behind NAT) becomes the only accepted source of the RTP port
/// and the destination of RTP (and, with rtcp-mux, RTCP) to the phone. The RTCP port latches the same way on its first
/// valid RTCP packet. Packets from any other source are dropped and counted in
/// <see cref="MediaLegCounters.DroppedUnexpectedSource"/>. There is no re-latching on SSRC change (a stranger could
/// take the stream over); <see cref="UpdateRemote"/> with a different address (re-INVITE) clears both latches.
/// Before the first packet any source is accepted: this is what makes NAT traversal work, and is the usual trade-off
/// of symmetric RTP (rtpengine, Asterisk) — a third party that wins the race to the new port can take the latch.
/// </remarks>
public sealed class MediaLeg
{
    // Written once at setup, before the session is handed to its relay thread.
    private readonly int _family;

    // Written by control threads (UpdateRemote), read by the relay thread: an immutable object swapped as a whole.
    private MediaRemote? _remote;

    // Written by the relay thread when it latches (one allocation per latch, never per packet), read by anyone.
    private IPEndPoint? _latchedRtpSource;
    private IPEndPoint? _latchedRtcpSource;

    // Owned by the relay thread.
    private MediaRemote? _applied;
    private bool _rtcpMux;
    private bool _canSend = true;
    private bool _rtpLatched;
    private bool _rtcpLatched;
    private SockAddr _rtpSource;
    private SockAddr _rtcpSource;
    private SockAddr _rtpDestination;
    private SockAddr _rtcpDestination;
    private bool _hasRtpDestination;
    private bool _hasRtcpDestination;
    internal int RtpSlot = -1;
    internal int RtcpSlot = -1;

    // Counters: written by the relay thread only, read from any thread (aligned 64-bit values: atomic on x86-64).
    internal long PacketsIn;
    internal long BytesIn;
    internal long PacketsOut;
    internal long BytesOut;
    internal long DroppedUnexpectedSource;
    internal long DroppedInvalid;
    internal long DroppedNoDestination;
    internal long SendErrors;
    internal long LastRtpTimestamp;

    internal MediaLeg(MediaSession session, MediaLegId id, IPAddress localAddress, int localRtpPort, int rtpFd, int rtcpFd)
    {
        Session = session;
        Id = id;
        LocalAddress = localAddress;
        LocalRtpPort = localRtpPort;
        RtpFd = rtpFd;
        RtcpFd = rtcpFd;
        _family = localAddress.AddressFamily == AddressFamily.InterNetwork ? LinuxNative.AF_INET : LinuxNative.AF_INET6;
    }

    public MediaSession Session { get; }

    public MediaLegId Id { get; }

    /// <summary>The address the leg's sockets are bound to (the relay's bind address).</summary>
    public IPAddress LocalAddress { get; }

    /// <summary>Even local port for RTP: goes into the m= line of the SDP sent to this leg's phone.</summary>
    public int LocalRtpPort { get; }

    /// <summary>Odd local port for RTCP (<see cref="LocalRtpPort"/> + 1).</summary>
    public int LocalRtcpPort => LocalRtpPort + 1;

    /// <summary>What the phone advertised in SDP; null until known.</summary>
    public MediaRemote? Remote => Volatile.Read(ref _remote);

    /// <summary>The source RTP is latched to; null before the first valid packet (or after a remote change).</summary>
    public IPEndPoint? LatchedRtpSource => Volatile.Read(ref _latchedRtpSource);

    /// <summary>The source RTCP is latched to on the RTCP port; null before the first valid RTCP packet there.</summary>
    public IPEndPoint? LatchedRtcpSource => Volatile.Read(ref _latchedRtcpSource);

    // Written once at setup.
    internal MediaLeg Peer { get; set; } = null!;

    internal int RtpFd { get; }

    internal int RtcpFd { get; }

    /// <summary>
    /// Sets where the phone receives (from its SDP offer or answer, or a re-INVITE). A value equal to the current one
    /// changes nothing; a different one clears the latches, so the next valid packet latches again.
    /// Takes effect on the relay thread at the next packet, without a lock.
    /// </summary>
    /// <returns>False (nothing changes) when the address family differs from the relay's bind address.</returns>
    public bool UpdateRemote(MediaRemote remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (Family(remote.Rtp.Address) != _family || Family(remote.Rtcp.Address) != _family)
        {
            return false;
        }

        MediaRemote? current = Volatile.Read(ref _remote);
        while (!remote.Equals(current))
        {
            MediaRemote? seen = Interlocked.CompareExchange(ref _remote, remote, current);
            if (ReferenceEquals(seen, current))
            {
                break;
            }

            current = seen;
        }

        return true;
    }

    public MediaLegCounters GetCounters() => new(
        Volatile.Read(ref PacketsIn),
        Volatile.Read(ref BytesIn),
        Volatile.Read(ref PacketsOut),
        Volatile.Read(ref BytesOut),
        Volatile.Read(ref DroppedUnexpectedSource),
        Volatile.Read(ref DroppedInvalid),
        Volatile.Read(ref DroppedNoDestination),
        Volatile.Read(ref SendErrors),
        Volatile.Read(ref LastRtpTimestamp));

    /// <summary>
    /// Relay thread: validates a packet received on this leg's RTP or RTCP socket and applies the latching rule.
    /// Counts the packet as received, or as dropped (invalid or unexpected source).
    /// </summary>
    internal bool Accept(ReadOnlySpan<byte> packet, in SockAddr source, bool onRtcpSocket, long timestamp, out MediaPacketKind kind, out RtpHeader header)
    {
        SyncRemote();
        header = default;
        if (onRtcpSocket || (_rtcpMux && RtpPacketReader.IsRtcpOnMuxedPort(packet)))
        {
            kind = MediaPacketKind.Rtcp;
            if (!RtpPacketReader.IsValidRtcp(packet))
            {
                DroppedInvalid++;
                return false;
            }
        }
        else
        {
            kind = MediaPacketKind.Rtp;
            if (!RtpPacketReader.TryReadRtp(packet, out header))
            {
                DroppedInvalid++;
                return false;
            }
        }

        if (onRtcpSocket)
        {
            if (_rtcpLatched)
            {
                if (!source.SameEndpoint(in _rtcpSource))
                {
                    DroppedUnexpectedSource++;
                    return false;
                }
            }
            else
            {
                LatchRtcp(in source);
            }
        }
        else if (_rtpLatched)
        {
            if (!source.SameEndpoint(in _rtpSource))
            {
                DroppedUnexpectedSource++;
                return false;
            }
        }
        else
        {
            LatchRtp(in source);
        }

        PacketsIn++;
        BytesIn += packet.Length;
        if (kind == MediaPacketKind.Rtp)
        {
            LastRtpTimestamp = timestamp;
        }

        return true;
    }

    /// <summary>
    /// Relay thread: where a packet of <paramref name="kind"/> going to this leg's phone is sent, and from which
    /// socket. With rtcp-mux RTCP goes out of the RTP socket to the RTP destination. Counts the packet as dropped when
    /// there is no destination (no SDP and no latch yet, or hold).
    /// </summary>
    internal bool TryGetDestination(MediaPacketKind kind, out int fd, out SockAddr destination)
    {
        SyncRemote();
        if (kind == MediaPacketKind.Rtp || _rtcpMux)
        {
            fd = RtpFd;
            destination = _rtpDestination;
            if (_hasRtpDestination)
            {
                return true;
            }
        }
        else
        {
            fd = RtcpFd;
            destination = _rtcpDestination;
            if (_hasRtcpDestination)
            {
                return true;
            }
        }

        DroppedNoDestination++;
        return false;
    }

    private void SyncRemote()
    {
        MediaRemote? remote = Volatile.Read(ref _remote);
        if (!ReferenceEquals(remote, _applied))
        {
            ApplyRemote(remote!);
        }
    }

    private void ApplyRemote(MediaRemote remote)
    {
        // The first SDP keeps a latch taken before it (early packets from the phone); a change of SDP clears it.
        if (_applied is not null)
        {
            _rtpLatched = false;
            _rtcpLatched = false;
            Volatile.Write(ref _latchedRtpSource, null);
            Volatile.Write(ref _latchedRtcpSource, null);
        }

        _applied = remote;
        _rtcpMux = remote.RtcpMux;
        _canSend = remote.CanSend;
        if (!_rtpLatched)
        {
            _rtpDestination = SockAddr.From(remote.Rtp);
        }

        if (!_rtcpLatched)
        {
            _rtcpDestination = SockAddr.From(remote.Rtcp);
        }

        _hasRtpDestination = _canSend;
        _hasRtcpDestination = _canSend && remote.Rtcp.Port != 0;
    }

    private void LatchRtp(in SockAddr source)
    {
        _rtpLatched = true;
        _rtpSource = source;
        _rtpDestination = source;
        _hasRtpDestination = _canSend;
        Volatile.Write(ref _latchedRtpSource, source.ToIPEndPoint());
    }

    private void LatchRtcp(in SockAddr source)
    {
        _rtcpLatched = true;
        _rtcpSource = source;
        _rtcpDestination = source;
        _hasRtcpDestination = _canSend;
        Volatile.Write(ref _latchedRtcpSource, source.ToIPEndPoint());
    }

    private static int Family(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? LinuxNative.AF_INET : LinuxNative.AF_INET6;
}
