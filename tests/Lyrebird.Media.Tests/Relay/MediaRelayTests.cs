using System.Net;
using System.Net.Sockets;
using Lyrebird.Media.Relay;

namespace Lyrebird.Media.Tests.Relay;

public sealed class MediaRelayTests
{
    [Fact]
    public void Rtp_is_relayed_both_ways_in_order_with_unchanged_payload()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var alice = new TestPhone { Ssrc = 1 };
        using var bob = new TestPhone { Ssrc = 2 };
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), RelayFactory.RemoteOf(bob), out MediaSession? session));
        using (session)
        {
            for (ushort seq = 0; seq < 100; seq++)
            {
                alice.SendRtp(seq, session.A.LocalRtpPort);
                bob.SendRtp((ushort)(1000 + seq), session.B.LocalRtpPort);
            }

            for (ushort seq = 0; seq < 100; seq++)
            {
                byte[] atBob = bob.Receive(out IPEndPoint fromRelay);
                Assert.Equal(TestPhone.Rtp(seq, 1), atBob);
                Assert.Equal(session.B.LocalRtpPort, fromRelay.Port);
                Assert.Equal(TestPhone.Rtp((ushort)(1000 + seq), 2), alice.Receive());
            }

            RelayFactory.WaitUntil(() => session.B.GetCounters().PacketsOut == 100 && session.A.GetCounters().PacketsOut == 100);
            MediaLegCounters a = session.A.GetCounters();
            Assert.Equal(100, a.PacketsIn);
            Assert.Equal(100 * 172, a.BytesIn);
            Assert.Equal(100 * 172, a.BytesOut);
            Assert.Equal(0, a.DroppedUnexpectedSource);
        }
    }

    [Fact]
    public void Leg_latches_to_the_real_source_when_it_differs_from_the_advertised_address()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var advertised = new TestPhone();   // what Alice's SDP says (a private address behind NAT)
        using var natted = new TestPhone();       // where her packets really come from
        using var bob = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(advertised), RelayFactory.RemoteOf(bob), out MediaSession? session));
        using (session)
        {
            natted.SendRtp(1, session.A.LocalRtpPort);
            Assert.Equal(1, TestPhone.Sequence(bob.Receive()));
            Assert.Equal(natted.EndPoint, session.A.LatchedRtpSource);

            bob.SendRtp(7, session.B.LocalRtpPort);
            Assert.Equal(7, TestPhone.Sequence(natted.Receive()));
            Assert.Equal(0, advertised.Socket.Available);
        }
    }

    [Fact]
    public void Before_the_first_packet_the_leg_sends_to_the_advertised_address()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var alice = new TestPhone();
        using var bob = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), RelayFactory.RemoteOf(bob), out MediaSession? session));
        using (session)
        {
            bob.SendRtp(3, session.B.LocalRtpPort);
            Assert.Equal(3, TestPhone.Sequence(alice.Receive()));
            Assert.Null(session.A.LatchedRtpSource);
        }
    }

    [Fact]
    public void Packets_from_an_unexpected_source_are_dropped_and_counted()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var alice = new TestPhone();
        using var bob = new TestPhone();
        using var stranger = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), RelayFactory.RemoteOf(bob), out MediaSession? session));
        using (session)
        {
            alice.SendRtp(1, session.A.LocalRtpPort);
            Assert.Equal(1, TestPhone.Sequence(bob.Receive()));

            stranger.SendRtp(666, session.A.LocalRtpPort);
            alice.SendRtp(2, session.A.LocalRtpPort);

            Assert.Equal(2, TestPhone.Sequence(bob.Receive()));
            MediaLegCounters counters = session.A.GetCounters();
            Assert.Equal(1, counters.DroppedUnexpectedSource);
            Assert.Equal(2, counters.PacketsIn);
            Assert.Equal(alice.EndPoint, session.A.LatchedRtpSource);
        }
    }

    [Fact]
    public void Invalid_packets_are_dropped_counted_and_do_not_latch()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var alice = new TestPhone();
        using var bob = new TestPhone();
        using var stranger = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), RelayFactory.RemoteOf(bob), out MediaSession? session));
        using (session)
        {
            stranger.SendTo([0x00, 0x01, 0x02], session.A.LocalRtpPort);
            stranger.SendTo(new byte[40], session.A.LocalRtpPort); // version 0
            alice.SendRtp(5, session.A.LocalRtpPort);

            Assert.Equal(5, TestPhone.Sequence(bob.Receive()));
            Assert.Equal(2, session.A.GetCounters().DroppedInvalid);
            Assert.Equal(alice.EndPoint, session.A.LatchedRtpSource);
        }
    }

    [Fact]
    public void Rtcp_is_relayed_between_the_rtcp_ports_and_latches_separately()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var aliceRtp = new TestPhone();
        using var aliceRtcp = new TestPhone();
        using var bobRtp = new TestPhone();
        using var bobRtcp = new TestPhone();
        using var bobNattedRtcp = new TestPhone();
        Assert.True(relay.TryCreateSession(
            RelayFactory.RemoteOf(aliceRtp, aliceRtcp), RelayFactory.RemoteOf(bobRtp, bobRtcp), out MediaSession? session));
        using (session)
        {
            aliceRtcp.SendTo(TestPhone.Rtcp(1), session.A.LocalRtcpPort);
            Assert.Equal(TestPhone.Rtcp(1), bobRtcp.Receive(out IPEndPoint from));
            Assert.Equal(session.B.LocalRtcpPort, from.Port);

            bobNattedRtcp.SendTo(TestPhone.Rtcp(2), session.B.LocalRtcpPort);
            Assert.Equal(TestPhone.Rtcp(2), aliceRtcp.Receive());
            Assert.Equal(bobNattedRtcp.EndPoint, session.B.LatchedRtcpSource);
            Assert.Null(session.B.LatchedRtpSource);

            aliceRtcp.SendTo(TestPhone.Rtcp(3), session.A.LocalRtcpPort);
            Assert.Equal(TestPhone.Rtcp(3), bobNattedRtcp.Receive());
            Assert.Equal(0, aliceRtp.Socket.Available);
        }
    }

    [Fact]
    public void Rtcp_mux_leg_exchanges_rtcp_on_its_rtp_port_with_a_non_mux_leg()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var aliceRtp = new TestPhone();
        using var aliceRtcp = new TestPhone();
        using var bob = new TestPhone { Ssrc = 9 };   // rtcp-mux: one socket for both
        Assert.True(relay.TryCreateSession(
            RelayFactory.RemoteOf(aliceRtp, aliceRtcp), RelayFactory.RemoteOf(bob, mux: true), out MediaSession? session));
        using (session)
        {
            bob.SendTo(TestPhone.Rtcp(9), session.B.LocalRtpPort);
            Assert.Equal(TestPhone.Rtcp(9), aliceRtcp.Receive());

            bob.SendRtp(4, session.B.LocalRtpPort);
            Assert.Equal(4, TestPhone.Sequence(aliceRtp.Receive()));

            aliceRtcp.SendTo(TestPhone.Rtcp(1), session.A.LocalRtcpPort);
            Assert.Equal(TestPhone.Rtcp(1), bob.Receive(out IPEndPoint from));
            Assert.Equal(session.B.LocalRtpPort, from.Port);

            RelayFactory.WaitUntil(() => session.B.GetCounters().PacketsOut == 1);
            Assert.Equal(2, session.B.GetCounters().PacketsIn);
            Assert.Equal(0, session.B.GetCounters().DroppedInvalid);
        }
    }

    [Fact]
    public void UpdateRemote_with_a_new_address_clears_the_latch_and_the_next_packet_latches_again()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var alice = new TestPhone();
        using var aliceMoved = new TestPhone();
        using var bob = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), RelayFactory.RemoteOf(bob), out MediaSession? session));
        using (session)
        {
            alice.SendRtp(1, session.A.LocalRtpPort);
            Assert.Equal(1, TestPhone.Sequence(bob.Receive()));

            Assert.True(session.A.UpdateRemote(RelayFactory.RemoteOf(aliceMoved)));
            bob.SendRtp(2, session.B.LocalRtpPort);
            Assert.Equal(2, TestPhone.Sequence(aliceMoved.Receive()));
            Assert.Null(session.A.LatchedRtpSource);

            aliceMoved.SendRtp(3, session.A.LocalRtpPort);
            Assert.Equal(3, TestPhone.Sequence(bob.Receive()));
            Assert.Equal(aliceMoved.EndPoint, session.A.LatchedRtpSource);
        }
    }

    [Fact]
    public void UpdateRemote_with_the_same_address_keeps_the_latch()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var advertised = new TestPhone();
        using var natted = new TestPhone();
        using var bob = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(advertised), RelayFactory.RemoteOf(bob), out MediaSession? session));
        using (session)
        {
            natted.SendRtp(1, session.A.LocalRtpPort);
            Assert.Equal(1, TestPhone.Sequence(bob.Receive()));

            Assert.True(session.A.UpdateRemote(RelayFactory.RemoteOf(advertised)));
            bob.SendRtp(2, session.B.LocalRtpPort);
            Assert.Equal(2, TestPhone.Sequence(natted.Receive()));
            Assert.Equal(natted.EndPoint, session.A.LatchedRtpSource);
        }
    }

    [Fact]
    public void UpdateRemote_of_another_address_family_is_refused()
    {
        using MediaRelay relay = RelayFactory.Start();
        Assert.True(relay.TryCreateSession(out MediaSession? session));
        using (session)
        {
            Assert.False(session.A.UpdateRemote(new MediaRemote(new IPEndPoint(IPAddress.IPv6Loopback, 4000))));
            Assert.Null(session.A.Remote);
        }
    }

    [Fact]
    public void A_leg_on_hold_receives_nothing_and_the_drops_are_counted()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var alice = new TestPhone();
        using var bob = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), RelayFactory.RemoteOf(bob), out MediaSession? session));
        using (session)
        {
            session.B.UpdateRemote(new MediaRemote(new IPEndPoint(IPAddress.Any, bob.EndPoint.Port)));
            alice.SendRtp(1, session.A.LocalRtpPort);
            RelayFactory.WaitUntil(() => session.B.GetCounters().DroppedNoDestination == 1);
            Assert.Equal(0, bob.Socket.Available);
            Assert.Equal(1, session.A.GetCounters().PacketsIn);
        }
    }

    [Fact]
    public void A_leg_without_sdp_yet_gets_nothing_until_its_phone_sends()
    {
        using MediaRelay relay = RelayFactory.Start();
        using var alice = new TestPhone();
        using var bob = new TestPhone();
        Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), null, out MediaSession? session));
        using (session)
        {
            alice.SendRtp(1, session.A.LocalRtpPort);
            RelayFactory.WaitUntil(() => session.B.GetCounters().DroppedNoDestination == 1);

            bob.SendRtp(2, session.B.LocalRtpPort);   // early media from the callee latches leg B
            Assert.Equal(2, TestPhone.Sequence(alice.Receive()));
            alice.SendRtp(3, session.A.LocalRtpPort);
            Assert.Equal(3, TestPhone.Sequence(bob.Receive()));
        }
    }

    [Fact]
    public void Dispose_closes_the_sockets_and_returns_the_ports()
    {
        using MediaRelay relay = RelayFactory.Start(pairs: 2);
        Assert.True(relay.TryCreateSession(out MediaSession? session));
        int[] ports = [session.A.LocalRtpPort, session.A.LocalRtcpPort, session.B.LocalRtpPort, session.B.LocalRtcpPort];
        Assert.Equal(0, relay.Ports.Available);

        session.Dispose();
        session.Dispose();

        Assert.True(session.IsDisposed);
        Assert.Equal(2, relay.Ports.Available);
        foreach (int port in ports)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            Assert.Equal(port, ((IPEndPoint)socket.LocalEndPoint!).Port);
        }
    }

    [Fact]
    public void Stop_closes_the_sockets_of_sessions_still_open()
    {
        MediaRelay relay = RelayFactory.Start(pairs: 2);
        Assert.True(relay.TryCreateSession(out MediaSession? session));
        int port = session.B.LocalRtcpPort;

        relay.Stop();

        Assert.True(session.IsDisposed);
        session.Dispose();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        Assert.False(relay.IsRunning);
        Assert.Throws<InvalidOperationException>(() => relay.TryCreateSession(out _));
    }

    [Fact]
    public void Session_creation_reports_port_exhaustion_and_succeeds_again_after_a_release()
    {
        using MediaRelay relay = RelayFactory.Start(pairs: 3);
        Assert.True(relay.TryCreateSession(out MediaSession? first));

        Assert.False(relay.TryCreateSession(out MediaSession? refused));
        Assert.Null(refused);
        Assert.Equal(1, relay.Ports.Available);   // the half-allocated pair went back
        Assert.Equal(1, relay.GetStatistics().PortPoolExhausted);

        first.Dispose();
        Assert.True(relay.TryCreateSession(out MediaSession? second));
        second.Dispose();
    }

    [Fact]
    public void A_port_taken_by_another_program_is_skipped()
    {
        using MediaRelay relay = RelayFactory.Start(pairs: 3);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, relay.Ports.MinPort + 1));

        Assert.True(relay.TryCreateSession(out MediaSession? session));
        using (session)
        {
            Assert.NotEqual(relay.Ports.MinPort, session.A.LocalRtpPort);
            Assert.NotEqual(relay.Ports.MinPort, session.B.LocalRtpPort);
        }
    }

    [Fact]
    public void Many_sessions_relay_every_packet_concurrently()
    {
        const int Sessions = 200;
        const int Packets = 50;
        using MediaRelay relay = RelayFactory.Start(pairs: Sessions * 2, threads: 2);
        var phones = new List<(TestPhone Alice, TestPhone Bob, MediaSession Session)>();
        try
        {
            for (int i = 0; i < Sessions; i++)
            {
                var alice = new TestPhone { Ssrc = (uint)i };
                var bob = new TestPhone { Ssrc = (uint)(i + 100_000) };
                Assert.True(relay.TryCreateSession(RelayFactory.RemoteOf(alice), RelayFactory.RemoteOf(bob), out MediaSession? session));
                phones.Add((alice, bob, session));
            }

            Parallel.ForEach(phones, call =>
            {
                for (ushort seq = 0; seq < Packets; seq++)
                {
                    call.Alice.SendRtp(seq, call.Session.A.LocalRtpPort);
                    call.Bob.SendRtp(seq, call.Session.B.LocalRtpPort);
                }
            });

            foreach ((TestPhone alice, TestPhone bob, MediaSession _) in phones)
            {
                for (ushort seq = 0; seq < Packets; seq++)
                {
                    Assert.Equal(TestPhone.Rtp(seq, alice.Ssrc), bob.Receive());
                    Assert.Equal(TestPhone.Rtp(seq, bob.Ssrc), alice.Receive());
                }
            }

            RelayFactory.WaitUntil(() => relay.GetStatistics().PacketsForwarded == Sessions * Packets * 2);
            Assert.Equal(0, relay.GetStatistics().PacketsDropped);
            Assert.Equal(Sessions, relay.GetStatistics().Sessions);
        }
        finally
        {
            foreach ((TestPhone alice, TestPhone bob, MediaSession session) in phones)
            {
                session.Dispose();
                alice.Dispose();
                bob.Dispose();
            }
        }

        Assert.Equal(0, relay.GetStatistics().Sessions);
        Assert.Equal(relay.Ports.Capacity, relay.Ports.Available);
    }

    [Fact]
    public void Rtp_is_relayed_over_ipv6()
    {
        using var relay = new MediaRelay(new MediaRelayOptions
        {
            BindAddress = IPAddress.IPv6Loopback, PortMin = 31000, PortMax = 31199, IoThreads = 1,
        });
        relay.Start();
        using var alice = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        using var bob = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        alice.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        bob.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        Assert.True(relay.TryCreateSession(
            new MediaRemote((IPEndPoint)alice.LocalEndPoint!), new MediaRemote((IPEndPoint)bob.LocalEndPoint!), out MediaSession? session));
        using (session)
        {
            alice.SendTo(TestPhone.Rtp(1, 5), new IPEndPoint(IPAddress.IPv6Loopback, session.A.LocalRtpPort));
            var buffer = new byte[2048];
            int length = bob.Receive(buffer);

            Assert.Equal(TestPhone.Rtp(1, 5), buffer[..length]);
            Assert.Equal(alice.LocalEndPoint, session.A.LatchedRtpSource);
        }
    }
}
