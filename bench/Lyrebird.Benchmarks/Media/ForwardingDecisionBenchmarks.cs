using System.Net;
using BenchmarkDotNet.Attributes;
using Lyrebird.Media.Relay;
using Lyrebird.Media.Rtp;

namespace Lyrebird.Benchmarks.Media;

/// <summary>
/// The relay's per-packet decision without the two system calls around it: validate, check the latched source,
/// count, pick the outgoing socket and destination (MediaLeg.Accept + MediaLeg.TryGetDestination). No sockets: the
/// legs are built with placeholder descriptors.
/// </summary>
[MemoryDiagnoser]
public class ForwardingDecisionBenchmarks
{
    private readonly byte[] _rtp = MediaPackets.Rtp(172);
    private readonly byte[] _rtcp = [0x80, 200, 0, 1, 0, 0, 0, 1];
    private MediaLeg _a = null!;
    private SockAddr _phone;
    private SockAddr _stranger;

    [GlobalSetup]
    public void Setup()
    {
        var session = new MediaSession(1, null, null, 0);
        _a = new MediaLeg(session, MediaLegId.A, IPAddress.Loopback, 10000, -1, -1);
        var b = new MediaLeg(session, MediaLegId.B, IPAddress.Loopback, 10002, -1, -1);
        _a.Peer = b;
        b.Peer = _a;
        session.A = _a;
        session.B = b;
        _a.UpdateRemote(new MediaRemote(new IPEndPoint(IPAddress.Loopback, 40000), rtcpMux: true));
        b.UpdateRemote(new MediaRemote(new IPEndPoint(IPAddress.Loopback, 40002)));
        _phone = SockAddr.From(IPAddress.Loopback, 40000);
        _stranger = SockAddr.From(IPAddress.Loopback, 40010);
        if (!_a.Accept(_rtp, in _phone, onRtcpSocket: false, 0, out _, out _))
        {
            throw new InvalidOperationException("The benchmark packet is not accepted.");
        }
    }

    [Benchmark(Baseline = true)]
    public int ForwardRtpFromLatchedSource()
    {
        if (!_a.Accept(_rtp, in _phone, onRtcpSocket: false, 1, out MediaPacketKind kind, out RtpHeader header))
        {
            return -1;
        }

        return _a.Peer.TryGetDestination(kind, out int fd, out SockAddr destination) ? fd + destination.Port + header.SequenceNumber : 0;
    }

    [Benchmark]
    public int ForwardMuxedRtcp()
    {
        if (!_a.Accept(_rtcp, in _phone, onRtcpSocket: false, 1, out MediaPacketKind kind, out _))
        {
            return -1;
        }

        return _a.Peer.TryGetDestination(kind, out int fd, out SockAddr destination) ? fd + destination.Port : 0;
    }

    [Benchmark]
    public bool DropUnexpectedSource() => _a.Accept(_rtp, in _stranger, onRtcpSocket: false, 1, out _, out _);
}
