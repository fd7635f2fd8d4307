using System.Net;
using System.Net.Sockets;
using Lyrebird.Core.Media;
using Lyrebird.Sdp;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Negotiation;
using Microsoft.Extensions.Time.Testing;

namespace Lyrebird.Core.Tests.Media;

/// <summary>
/// What every <see cref="IMediaAnchor"/> must do, run against each implementation (<see cref="SimpleUdpRelayAnchorTests"/>,
/// <see cref="RelayMediaAnchorTests"/>): real UDP on 127.0.0.1, timers on a <see cref="FakeTimeProvider"/>.
/// </summary>
public abstract class MediaAnchorContractTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly UdpClient _phoneA = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpClient _phoneB = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IMediaAnchor _anchor;
    private int _inactive;

    protected MediaAnchorContractTests()
    {
        var low = PortBase + (Random.Shared.Next(0, 500) * 20);
        _anchor = CreateAnchor(
            new MediaAnchorOptions { BindAddress = IPAddress.Loopback, AdvertisedAddress = IPAddress.Loopback, PortLow = low, PortHigh = low + 19 },
            Time);
    }

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    /// <summary>First port of the ranges this implementation's tests draw from (disjoint per implementation).</summary>
    protected abstract int PortBase { get; }

    protected abstract int PortPairCapacity { get; }

    protected abstract int PortPairsAvailable { get; }

    protected IMediaAnchor Anchor => _anchor;

    protected abstract IMediaAnchor CreateAnchor(MediaAnchorOptions options, TimeProvider time);

    public void Dispose()
    {
        _phoneA.Dispose();
        _phoneB.Dispose();
        (_anchor as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
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
        // A packet is counted as forwarded once the send returns, which may be just after the phone received it.
        await UntilAsync(() => session.GetCounters(MediaLeg.A).PacketsForwarded + session.GetCounters(MediaLeg.B).PacketsForwarded >= 2);
        Assert.Equal(1, session.GetCounters(MediaLeg.A).PacketsForwarded);
        Assert.Equal(1, session.GetCounters(MediaLeg.B).PacketsForwarded);
        Assert.Equal(1, session.GetCounters(MediaLeg.A).PacketsReceived);
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
        byte[] report = [0x80, 201, 0, 1, 1, 2, 3, 4]; // an empty receiver report

        await rtcpA.SendAsync(report, new IPEndPoint(IPAddress.Loopback, a.RtcpPort));
        var atB = await rtcpB.ReceiveAsync(new CancellationTokenSource(Wait).Token);

        Assert.Equal(report, atB.Buffer);
        Assert.Equal(b.RtcpPort, atB.RemoteEndPoint.Port);
    }

    [Fact]
    public void Ports_return_to_the_pool_when_the_session_ends()
    {
        var before = PortPairsAvailable;
        var session = NewSession();
        session.GetPorts(MediaLeg.A, 0);
        Assert.Equal(before - 2, PortPairsAvailable);

        session.Dispose();

        Assert.Equal(before, PortPairsAvailable);
    }

    [Fact]
    public void Exhausted_range_gives_no_ports()
    {
        var sessions = new List<IMediaSession>();
        for (var i = 0; i < PortPairCapacity / 2; i++)
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

        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, _inactive);
        Time.Advance(TimeSpan.FromSeconds(31));
        Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(1, _inactive);
    }

    [Fact]
    public void Without_monitoring_silence_is_not_reported()
    {
        using var session = NewSession();
        session.GetPorts(MediaLeg.A, 0);

        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, _inactive);
    }

    [Fact]
    public async Task The_tap_gets_rtp_from_the_leg_that_sent_it_stamped_with_the_anchor_clock_and_no_rtcp()
    {
        using var rtcpA = new UdpClient(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)_phoneA.Client.LocalEndPoint!).Port + 1));
        using var rtcpB = new UdpClient(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)_phoneB.Client.LocalEndPoint!).Port + 1));
        using var session = NewSession();
        var tap = new RecordingTap();
        session.Tap = tap;
        var a = session.GetPorts(MediaLeg.A, 0)!.Value;
        var b = session.GetPorts(MediaLeg.B, 0)!.Value;
        session.SetRemote(MediaLeg.A, Stream(_phoneA));
        session.SetRemote(MediaLeg.B, Stream(_phoneB));
        Time.Advance(TimeSpan.FromSeconds(42));
        var now = Time.GetTimestamp();

        await _phoneA.SendAsync(Rtp(1), new IPEndPoint(IPAddress.Loopback, a.RtpPort));
        await _phoneB.ReceiveAsync(new CancellationTokenSource(Wait).Token);
        await rtcpA.SendAsync(new byte[] { 0x80, 201, 0, 1, 1, 2, 3, 4 }, new IPEndPoint(IPAddress.Loopback, a.RtcpPort));
        await rtcpB.ReceiveAsync(new CancellationTokenSource(Wait).Token);
        await _phoneB.SendAsync(Rtp(2), new IPEndPoint(IPAddress.Loopback, b.RtpPort));
        await _phoneA.ReceiveAsync(new CancellationTokenSource(Wait).Token);

        var seen = tap.Packets;
        Assert.Equal([MediaLeg.A, MediaLeg.B], seen.Select(p => p.From));
        Assert.Equal(Rtp(1), seen[0].Packet);
        Assert.Equal(Rtp(2), seen[1].Packet);
        Assert.All(seen, p => Assert.Equal(now, p.Timestamp));
    }

    [Fact]
    public async Task A_cleared_tap_gets_nothing_more()
    {
        using var session = NewSession();
        var tap = new RecordingTap();
        session.Tap = tap;
        var a = session.GetPorts(MediaLeg.A, 0)!.Value;
        session.SetRemote(MediaLeg.A, Stream(_phoneA));
        session.SetRemote(MediaLeg.B, Stream(_phoneB));

        await _phoneA.SendAsync(Rtp(1), new IPEndPoint(IPAddress.Loopback, a.RtpPort));
        await _phoneB.ReceiveAsync(new CancellationTokenSource(Wait).Token);
        session.Tap = null;
        await _phoneA.SendAsync(Rtp(2), new IPEndPoint(IPAddress.Loopback, a.RtpPort));
        await _phoneB.ReceiveAsync(new CancellationTokenSource(Wait).Token);

        Assert.Null(session.Tap);
        Assert.Equal([Rtp(1)], tap.Packets.Select(p => p.Packet));
    }

    [Fact]
    public void A_long_ringing_call_is_not_reported_and_the_timeout_counts_from_the_answer()
    {
        using var session = NewSession();
        session.GetPorts(MediaLeg.A, 0);

        Time.Advance(TimeSpan.FromMinutes(5)); // ringing: no media at all
        session.StartInactivityMonitor();      // answered
        Time.Advance(TimeSpan.FromSeconds(45));
        var beforeTimeout = _inactive;
        Time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(0, beforeTimeout);
        Assert.Equal(1, _inactive);
    }

    [Fact]
    public async Task Rtp_and_rtcp_keep_a_monitored_call_alive()
    {
        using var rtcpA = new UdpClient(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)_phoneA.Client.LocalEndPoint!).Port + 1));
        using var rtcpB = new UdpClient(new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)_phoneB.Client.LocalEndPoint!).Port + 1));
        using var session = NewSession();
        var a = session.GetPorts(MediaLeg.A, 0)!.Value;
        var b = session.GetPorts(MediaLeg.B, 0)!.Value;
        session.SetRemote(MediaLeg.A, Stream(_phoneA));
        session.SetRemote(MediaLeg.B, Stream(_phoneB));
        session.StartInactivityMonitor();

        Step(TimeSpan.FromSeconds(45));
        await _phoneB.SendAsync(Rtp(1), new IPEndPoint(IPAddress.Loopback, b.RtpPort));
        await _phoneA.ReceiveAsync(new CancellationTokenSource(Wait).Token);
        Step(TimeSpan.FromSeconds(45));
        await rtcpA.SendAsync(new byte[] { 0x80, 201, 0, 1, 1, 2, 3, 4 }, new IPEndPoint(IPAddress.Loopback, a.RtcpPort)); // on hold: RTCP only
        await rtcpB.ReceiveAsync(new CancellationTokenSource(Wait).Token);
        Step(TimeSpan.FromSeconds(45));
        var whileActive = _inactive;
        Step(TimeSpan.FromSeconds(46));

        Assert.Equal(0, whileActive);
        Assert.Equal(1, _inactive);
    }

    [Fact]
    public void A_disposed_session_reports_no_inactivity()
    {
        var session = NewSession();
        session.GetPorts(MediaLeg.A, 0);
        session.StartInactivityMonitor();

        session.Dispose();
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, _inactive);
    }

    [Fact]
    public void Every_stream_has_its_own_ports_and_all_go_back_to_the_pool()
    {
        var before = PortPairsAvailable;
        var session = NewSession();
        var audio = session.GetPorts(MediaLeg.A, 0)!.Value;
        var video = session.GetPorts(MediaLeg.B, 1)!.Value;
        var audioAgain = session.GetPorts(MediaLeg.A, 0)!.Value;
        var inUse = before - PortPairsAvailable;

        session.Dispose();

        Assert.Equal(audio, audioAgain);
        Assert.NotEqual(audio.RtpPort, video.RtpPort);
        Assert.Equal(4, inUse);
        Assert.Equal(before, PortPairsAvailable);
        Assert.Equal(IPAddress.Loopback, session.AdvertisedAddress);
    }

    /// <summary>Waits (up to <see cref="Wait"/>) for a condition that another thread makes true shortly.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>Advances the fake clock in 5 s steps, so that periodic timers see each of their due times.</summary>
    private void Step(TimeSpan total)
    {
        for (var done = TimeSpan.Zero; done < total; done += TimeSpan.FromSeconds(5))
        {
            Time.Advance(TimeSpan.FromSeconds(Math.Min(5, (total - done).TotalSeconds)));
        }
    }

    private sealed class RecordingTap : IRtpTap
    {
        private readonly Lock _lock = new();
        private readonly List<(MediaLeg From, byte[] Packet, long Timestamp)> _packets = [];

        public List<(MediaLeg From, byte[] Packet, long Timestamp)> Packets
        {
            get
            {
                lock (_lock)
                {
                    return [.. _packets];
                }
            }
        }

        public void OnRtp(MediaLeg from, ReadOnlySpan<byte> packet, long timestamp)
        {
            lock (_lock)
            {
                _packets.Add((from, packet.ToArray(), timestamp));
            }
        }
    }
}
