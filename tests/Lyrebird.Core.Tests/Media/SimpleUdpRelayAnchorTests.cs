using System.Net;
using System.Net.Sockets;
using Lyrebird.Core.Media;
using Lyrebird.Sdp;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Negotiation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lyrebird.Core.Tests.Media;

public sealed class SimpleUdpRelayAnchorTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new();
    private readonly SimpleUdpRelayAnchor _anchor;
    private readonly UdpClient _phoneA = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpClient _phoneB = new(new IPEndPoint(IPAddress.Loopback, 0));
    private int _inactive;

    public SimpleUdpRelayAnchorTests()
    {
        var low = 30000 + (Random.Shared.Next(0, 1000) * 20);
        _anchor = new SimpleUdpRelayAnchor(
            new MediaAnchorOptions { BindAddress = IPAddress.Loopback, AdvertisedAddress = IPAddress.Loopback, PortLow = low, PortHigh = low + 19 },
            _time, NullLogger<SimpleUdpRelayAnchor>.Instance);
    }

    public void Dispose()
    {
        _phoneA.Dispose();
        _phoneB.Dispose();
    }

    private static MediaStreamInfo Stream(UdpClient phone, bool mux = false)
    {
        var port = ((IPEndPoint)phone.Client.LocalEndPoint!).Port;
        return new MediaStreamInfo(0, "audio", true, IPAddress.Loopback, port, IPAddress.Loopback, mux ? port : port + 1, mux,
            ValueList<PayloadFormat>.Empty, null, 20, MediaDirection.SendRecv);
    }

    private static byte[] Rtp(ushort sequence)
    {
        var packet = new byte[172];
        packet[0] = 0x80;
        packet[2] = (byte)(sequence >> 8);
        packet[3] = (byte)sequence;
        packet[12] = (byte)sequence;
        return packet;
    }

    private IMediaSession NewSession() => _anchor.CreateSession("test", _ => Interlocked.Increment(ref _inactive));

    [Fact]
    public async Task Rtp_is_relayed_both_ways_from_the_relay_ports()
    {
        using var session = NewSession();
        var a = session.GetPorts(MediaLeg.A, 0)!.Value;
        var b = session.GetPorts(MediaLeg.B, 0)!.Value;
        session.SetRemote(MediaLeg.A, Stream(_phoneA));
        session.SetRemote(MediaLeg.B, Stream(_phoneB));

        await _phoneA.SendAsync(Rtp(1), new IPEndPoint(IPAddress.Loopback, a.RtpPort));
        var atB = await _phoneB.ReceiveAsync(new CancellationTokenSource(Wait).Token);
        await _phoneB.SendAsync(Rtp(2), new IPEndPoint(IPAddress.Loopback, b.RtpPort));
        var atA = await _phoneA.ReceiveAsync(new CancellationTokenSource(Wait).Token);

        Assert.Equal(Rtp(1), atB.Buffer);
        Assert.Equal(b.RtpPort, atB.RemoteEndPoint.Port);
        Assert.Equal(Rtp(2), atA.Buffer);
        Assert.Equal(a.RtpPort, atA.RemoteEndPoint.Port);
        Assert.Equal(a.RtpPort + 1, a.RtcpPort);
        Assert.Equal(1, session.GetCounters(MediaLeg.A).PacketsForwarded);
        Assert.Equal(1, session.GetCounters(MediaLeg.B).PacketsForwarded);
    }

    [Fact]
    public async Task Packets_go_to_where_the_phone_sends_from_not_where_its_sdp_said()
    {
        using var natted = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var session = NewSession();
        var a = session.GetPorts(MediaLeg.A, 0)!.Value;
        var b = session.GetPorts(MediaLeg.B, 0)!.Value;
        session.SetRemote(MediaLeg.A, Stream(_phoneA));
        session.SetRemote(MediaLeg.B, Stream(_phoneB)); // B's SDP names _phoneB, but B really sends from `natted`

        await natted.SendAsync(Rtp(1), new IPEndPoint(IPAddress.Loopback, b.RtpPort));
        await _phoneA.ReceiveAsync(new CancellationTokenSource(Wait).Token);
        await _phoneA.SendAsync(Rtp(2), new IPEndPoint(IPAddress.Loopback, a.RtpPort));
        var reply = await natted.ReceiveAsync(new CancellationTokenSource(Wait).Token);

        Assert.Equal(Rtp(2), reply.Buffer);
    }

    [Fact]
    public async Task After_latching_packets_from_another_source_are_dropped_and_counted()
    {
        using var intruder = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var session = NewSession();
        var a = session.GetPorts(MediaLeg.A, 0)!.Value;
        session.GetPorts(MediaLeg.B, 0);
        session.SetRemote(MediaLeg.A, Stream(_phoneA));
        session.SetRemote(MediaLeg.B, Stream(_phoneB));

        await _phoneA.SendAsync(Rtp(1), new IPEndPoint(IPAddress.Loopback, a.RtpPort));
        await _phoneB.ReceiveAsync(new CancellationTokenSource(Wait).Token);
        await intruder.SendAsync(Rtp(66), new IPEndPoint(IPAddress.Loopback, a.RtpPort));
        await _phoneA.SendAsync(Rtp(2), new IPEndPoint(IPAddress.Loopback, a.RtpPort));
        var next = await _phoneB.ReceiveAsync(new CancellationTokenSource(Wait).Token);

        Assert.Equal(Rtp(2), next.Buffer); // the intruder's packet never arrived
        Assert.Equal(1, session.GetCounters(MediaLeg.A).DroppedUnexpectedSource);
    }

    [Fact]
    public async Task Rtcp_is_relayed_between_the_rtcp_ports()
    {
        using var rtcpA = new UdpClient(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)_phoneA.Client.LocalEndPoint!).Port + 1));
        using var rtcpB = new UdpClient(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)_phoneB.Client.LocalEndPoint!).Port + 1));
        using var session = NewSession();
        var a = session.GetPorts(MediaLeg.A, 0)!.Value;
        var b = session.GetPorts(MediaLeg.B, 0)!.Value;
        session.SetRemote(MediaLeg.A, Stream(_phoneA));
        session.SetRemote(MediaLeg.B, Stream(_phoneB));
        byte[] report = [0x80, 200, 0, 6, 1, 2, 3, 4, 5, 6, 7, 8];

        await rtcpA.SendAsync(report, new IPEndPoint(IPAddress.Loopback, a.RtcpPort));
        var atB = await rtcpB.ReceiveAsync(new CancellationTokenSource(Wait).Token);

        Assert.Equal(report, atB.Buffer);
        Assert.Equal(b.RtcpPort, atB.RemoteEndPoint.Port);
    }

    [Fact]
    public void Ports_return_to_the_pool_when_the_session_ends()
    {
        var before = _anchor.PortPairsAvailable;
        var session = NewSession();
        session.GetPorts(MediaLeg.A, 0);
        Assert.Equal(before - 2, _anchor.PortPairsAvailable);

        session.Dispose();

        Assert.Equal(before, _anchor.PortPairsAvailable);
    }

    [Fact]
    public void Exhausted_range_gives_no_ports()
    {
        var sessions = new List<IMediaSession>();
        for (var i = 0; i < _anchor.PortPairCapacity / 2; i++)
        {
            var s = NewSession();
            sessions.Add(s);
            s.GetPorts(MediaLeg.A, 0);
        }

        using var extra = NewSession();
        Assert.Null(extra.GetPorts(MediaLeg.A, 0));
        foreach (var s in sessions)
        {
            s.Dispose();
        }
    }

    [Fact]
    public void Silence_for_the_timeout_reports_inactivity_once()
    {
        using var session = NewSession();
        session.GetPorts(MediaLeg.A, 0);
        session.StartInactivityMonitor();

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, _inactive);
        _time.Advance(TimeSpan.FromSeconds(31));
        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(1, _inactive);
    }

    [Fact]
    public void Without_monitoring_silence_is_not_reported()
    {
        using var session = NewSession();
        session.GetPorts(MediaLeg.A, 0);

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, _inactive);
    }
}
