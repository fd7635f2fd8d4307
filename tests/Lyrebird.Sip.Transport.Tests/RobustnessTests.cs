using System.Reflection;
using System.Text;
using Lyrebird.Sip.Transport.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Sip.Transport.Tests;

/// <summary>Bounded hostile-input runs on loopback: the transport must keep serving and keep its logs quiet.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] Seeds =
    [
        SipText.Request(),
        SipText.Request(method: "INVITE", cseq: "1 INVITE", body: "v=0\r\n"),
        SipText.Request(cseq: "99999999999 OPTIONS"),
        SipText.Request(version: "SIP/3.0"),
        SipText.Request(callId: ""),
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\n",
    ];

    /// <summary>Random bytes, truncations and byte flips of valid and invalid messages.</summary>
    private static byte[] Mutant(Random random)
    {
        var seed = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]);
        switch (random.Next(4))
        {
            case 0:
                var noise = new byte[random.Next(1, 600)];
                random.NextBytes(noise);
                return noise;
            case 1:
                return seed[..random.Next(1, seed.Length)];
            default:
                var copy = (byte[])seed.Clone();
                for (var i = random.Next(1, 8); i > 0; i--)
                {
                    copy[random.Next(copy.Length)] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)":;<>\r\n ,=\"@"[random.Next(11)];
                }

                return copy;
        }
    }

    private static async Task RunHostileTrafficAsync(Harness harness, int datagrams, int streams)
    {
        var random = new Random(20261126);
        using var phone = new UdpPeer(harness.Endpoint.Address);
        for (var i = 0; i < datagrams; i++)
        {
            await phone.SendAsync(Mutant(random), harness.Endpoint);
            if (i % 20 == 19)
            {
                // Keep the socket queue well under SO_RCVBUF (UDP drops what does not fit): a marker request proves
                // everything before it was processed.
                await phone.SendAsync(SipText.Request(callId: "marker-" + i, via: "SIP/2.0/UDP phone.invalid;branch=z9hG4bKm" + i), harness.Endpoint);
                await WaitForCallIdAsync(harness, "marker-" + i);
            }
        }

        for (var i = 0; i < streams; i++)
        {
            using var tcp = await TcpPeer.ConnectAsync(harness.Endpoint);
            var stream = new List<byte>();
            for (var j = random.Next(1, 5); j > 0; j--)
            {
                stream.AddRange(Mutant(random));
            }

            try
            {
                await tcp.SendAsync([.. stream]);
            }
            catch (System.Net.Sockets.SocketException)
            {
                // the transport may already have closed a connection whose framing failed
            }
        }
    }

    private static async Task WaitForCallIdAsync(Harness harness, string callId)
    {
        while (true)
        {
            (Lyrebird.Sip.Messages.SipMessage message, SipFlow) item;
            try
            {
                item = await harness.Handler.NextAsync();
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{callId} not delivered; log: " + string.Join("\n", harness.Logger.Entries.TakeLast(10).Select(e => $"{e.Level} {e.EventId} {e.Message} {e.Exception}")));
                throw;
            }

            var message = item.message;
            if (message.CallId == callId)
            {
                return;
            }
        }
    }

    [Fact]
    public async Task After_thousands_of_malformed_datagrams_and_streams_a_valid_request_is_still_delivered()
    {
        await using var harness = await Harness.StartAsync("IPv4");
        await RunHostileTrafficAsync(harness, datagrams: 3000, streams: 200);

        using var udp = new UdpPeer(harness.Endpoint.Address);
        await udp.SendAsync(SipText.Request(callId: "still-alive-udp", via: "SIP/2.0/UDP phone.invalid;branch=z9hG4bKalive1"), harness.Endpoint);
        await WaitForCallIdAsync(harness, "still-alive-udp");

        using var tcp = await TcpPeer.ConnectAsync(harness.Endpoint);
        await tcp.SendAsync(SipText.Request(callId: "still-alive-tcp", via: "SIP/2.0/TCP phone.invalid;branch=z9hG4bKalive2"));
        await WaitForCallIdAsync(harness, "still-alive-tcp");

        Assert.True(harness.Metrics.Sum("lyrebird.sip.inbound.rejected") > 1000);
        Assert.Equal(0, harness.Metrics.Sum("lyrebird.sip.transport.errors"));
    }

    [Fact]
    public async Task Bad_input_logs_nothing_above_Information()
    {
        await using var harness = await Harness.StartAsync("IPv6");
        await RunHostileTrafficAsync(harness, datagrams: 500, streams: 50);
        using var udp = new UdpPeer(harness.Endpoint.Address);
        await udp.SendAsync(SipText.Request(callId: "end", via: "SIP/2.0/UDP phone.invalid;branch=z9hG4bKend"), harness.Endpoint);
        await WaitForCallIdAsync(harness, "end");

        Assert.Contains(harness.Logger.Entries, e => e.EventId.Id == 1100); // rejections were logged, at Debug
        var loud = harness.Logger.Entries.Where(e => e.Level > LogLevel.Information).Select(e => $"{e.Level} {e.EventId} {e.Message}").ToList();
        Assert.Empty(loud);
    }

    [Fact]
    public async Task A_handler_that_throws_is_logged_as_a_bug_and_the_transport_keeps_delivering()
    {
        var options = new SipTransportOptions { Endpoints = ["127.0.0.1:0"] };
        var logger = new CapturingLogger<SipTransportLayer>();
        var inner = new RecordingHandler();
        await using var transport = new SipTransportLayer(options, logger);
        await transport.StartAsync(new ThrowingOnceHandler(inner));
        using var phone = new UdpPeer(System.Net.IPAddress.Loopback);

        await phone.SendAsync(SipText.Request(callId: "boom"), transport.LocalEndpoints[0]);
        await phone.SendAsync(SipText.Request(callId: "fine"), transport.LocalEndpoints[0]);

        Assert.Equal("fine", (await inner.NextRequestAsync()).Request.CallId);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.EventId.Id == 1191);
    }

    [Fact]
    public void Log_event_ids_are_unique_and_in_the_transport_range()
    {
        var ids = typeof(SipTransportLayer).Assembly.GetType("Lyrebird.Sip.Transport.SipTransportLog")!
            .GetMethods(BindingFlags.Static | BindingFlags.Public)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => a.EventId)
            .ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 1000, 1199));
    }

    private sealed class ThrowingOnceHandler(RecordingHandler inner) : ISipMessageHandler
    {
        private int _calls;

        public void OnMessage(Lyrebird.Sip.Messages.SipMessage message, SipFlow flow)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                throw new InvalidOperationException("handler bug");
            }

            inner.OnMessage(message, flow);
        }
    }
}
