using System.Collections.Concurrent;
using Lyrebird.Media.Relay;
using Lyrebird.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Lyrebird.Media.Tests.Relay;

public sealed class TapAndInactivityTests
{
    private sealed class RecordingTap : IMediaTap
    {
        public ConcurrentQueue<(MediaDirection Direction, MediaLegId Leg, MediaPacketKind Kind, ushort Sequence, uint Ssrc, byte[] Data, bool Forwarded)> Packets { get; } = new();

        public void OnPacket(MediaSession session, in MediaTapPacket packet) =>
            Packets.Enqueue((packet.Direction, packet.ReceivedOn, packet.Kind, packet.Rtp.SequenceNumber, packet.Rtp.Ssrc, packet.Data.ToArray(), packet.Forwarded));
    }

    private sealed class ThrowingTap : IMediaTap
    {
        public int Calls;

        public void OnPacket(MediaSession session, in MediaTapPacket packet)
        {
            Interlocked.Increment(ref Calls);
            throw new InvalidOperationException("recorder bug");
        }
    }

    private sealed class DisposingTap : IMediaTap
    {
        public void OnPacket(MediaSession session, in MediaTapPacket packet) => session.Dispose();
    }

    [Fact]
    public void Tap_receives_every_packet_with_its_direction_header_and_bytes()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var alice = new TestPhone { Ssrc = 10 };
        using var aliceRtcp = new TestPhone();
        using var bob = new TestPhone { Ssrc = 20 };
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice, aliceRtcp), RelayFactory.RemoteOf(bob), out MediaSession? session));
        var tap = new RecordingTap();
        session.Tap = tap;
        using (session)
        {
            for (ushort seq = 0; seq < 20; seq++)
            {
                alice.SendRtp(seq, session.A.LocalRtpPort);
                bob.SendRtp(seq, session.B.LocalRtpPort);
            }

            aliceRtcp.SendTo(TestPhone.Rtcp(10), session.A.LocalRtcpPort);
            RelayFactory.WaitUntil(() => tap.Packets.Count == 41);

            var aToB = tap.Packets.Where(p => p.Direction == MediaDirection.AToB && p.Kind == MediaPacketKind.Rtp).ToList();
            var bToA = tap.Packets.Where(p => p.Direction == MediaDirection.BToA).ToList();
            Assert.Equal(Enumerable.Range(0, 20).Select(i => (ushort)i), aToB.Select(p => p.Sequence));
            Assert.All(aToB, p => Assert.Equal((MediaLegId.A, 10u, true), (p.Leg, p.Ssrc, p.Forwarded)));
            Assert.Equal(Enumerable.Range(0, 20).Select(i => (ushort)i), bToA.Select(p => p.Sequence));
            Assert.All(bToA, p => Assert.Equal((MediaLegId.B, 20u), (p.Leg, p.Ssrc)));
            Assert.Equal(TestPhone.Rtp(5, 10), aToB[5].Data);
            Assert.Single(tap.Packets, p => p.Kind == MediaPacketKind.Rtcp && p.Data.SequenceEqual(TestPhone.Rtcp(10)));
        }
    }

    [Fact]
    public void Tap_sees_packets_that_could_not_be_forwarded_but_not_dropped_ones()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var alice = new TestPhone();
        using var stranger = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), null, out MediaSession? session));
        var tap = new RecordingTap();
        session.Tap = tap;
        using (session)
        {
            alice.SendRtp(1, session.A.LocalRtpPort);
            stranger.SendRtp(2, session.A.LocalRtpPort);
            alice.SendRtp(3, session.A.LocalRtpPort);
            RelayFactory.WaitUntil(() => session.A.GetCounters().PacketsIn == 2 && tap.Packets.Count == 2);

            Assert.Equal([1, 3], tap.Packets.Select(p => (int)p.Sequence));
            Assert.All(tap.Packets, p => Assert.False(p.Forwarded));
        }
    }

    [Fact]
    public void A_tap_that_throws_is_detached_and_relaying_goes_on()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var alice = new TestPhone();
        using var bob = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), RelayFactory.RemoteOf(bob), out MediaSession? session));
        var tap = new ThrowingTap();
        session.Tap = tap;
        using (session)
        {
            alice.SendRtp(1, session.A.LocalRtpPort);
            alice.SendRtp(2, session.A.LocalRtpPort);
            Assert.Equal(1, TestPhone.Sequence(bob.Receive()));
            Assert.Equal(2, TestPhone.Sequence(bob.Receive()));
            RelayFactory.WaitUntil(() => session.Tap is null);
            Assert.Equal(1, tap.Calls);
        }
    }

    [Fact]
    public void A_session_can_be_disposed_from_its_own_tap_on_the_relay_thread()
    {
        using MediaRelay relay = RelayFactory.Start(pairs: 2);
        using var alice = new TestPhone();
        using var bob = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), RelayFactory.RemoteOf(bob), out MediaSession? session));
        session.Tap = new DisposingTap();

        alice.SendRtp(1, session.A.LocalRtpPort);

        Assert.Equal(1, TestPhone.Sequence(bob.Receive()));
        RelayFactory.WaitUntil(() => relay.Ports.Available == 2);
        Assert.True(session.IsDisposed);
        Assert.Equal(0, relay.GetStatistics().Sessions);
    }

    [Fact]
    public async Task Inactivity_is_reported_once_when_no_packet_arrives_for_the_timeout()
    {
        var time = new FakeTimeProvider();
        using MediaRelay relay = RelayFactory.Start(inactivity: TimeSpan.FromSeconds(30), time: time);
        Assert.True(relay.TryCreateSession(out MediaSession? session));
        using (session)
        {
            int reports = 0;
            var reported = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
            session.Inactive += (sender, _) =>
            {
                Interlocked.Increment(ref reports);
                reported.TrySetResult(sender);
            };

            time.Advance(TimeSpan.FromSeconds(31));

            Assert.Same(session, await reported.Task.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(1, Volatile.Read(ref reports));
        }
    }

    [Fact]
    public async Task Inactivity_counts_from_the_last_packet_and_is_reported_again_after_traffic_resumes()
    {
        var time = new FakeTimeProvider();
        using MediaRelay relay = RelayFactory.Start(inactivity: TimeSpan.FromSeconds(30), time: time);
        using var alice = new TestPhone();
        using var bob = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), RelayFactory.RemoteOf(bob), out MediaSession? session));
        using (session)
        {
            var reports = new SemaphoreSlim(0);
            session.Inactive += (_, _) => reports.Release();

            time.Advance(TimeSpan.FromSeconds(31));
            Assert.True(await reports.WaitAsync(TimeSpan.FromSeconds(10)));

            alice.SendRtp(1, session.A.LocalRtpPort);   // stamped at t = 31 s
            Assert.Equal(1, TestPhone.Sequence(bob.Receive()));
            time.Advance(TimeSpan.FromSeconds(20));     // t = 51 s: 20 s idle, not yet
            RelayFactory.WaitUntil(() => !session.InactiveReported);
            time.Advance(TimeSpan.FromSeconds(11));     // t = 62 s: 31 s idle

            Assert.True(await reports.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task Rtcp_alone_does_not_keep_a_session_alive()
    {
        var time = new FakeTimeProvider();
        using MediaRelay relay = RelayFactory.Start(inactivity: TimeSpan.FromSeconds(30), time: time);
        using var aliceRtp = new TestPhone();
        using var aliceRtcp = new TestPhone();
        using var bobRtp = new TestPhone();
        using var bobRtcp = new TestPhone();
        Assert.True(relay.TryCreateSession(
            RelayFactory.RemoteOf(aliceRtp, aliceRtcp), RelayFactory.RemoteOf(bobRtp, bobRtcp), out MediaSession? session));
        using (session)
        {
            var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            session.Inactive += (_, _) => reported.TrySetResult();
            time.Advance(TimeSpan.FromSeconds(29));

            aliceRtcp.SendTo(TestPhone.Rtcp(1), session.A.LocalRtcpPort);
            Assert.Equal(TestPhone.Rtcp(1), bobRtcp.Receive());
            time.Advance(TimeSpan.FromSeconds(2));

            await reported.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, session.A.GetCounters().LastRtpTimestamp);
            Assert.Equal(1, session.A.GetCounters().PacketsIn);
        }
    }
}
