using System.Net;
using System.Net.Sockets;
using System.Text;
using Lyrebird.InteropTests.Infrastructure;

namespace Lyrebird.InteropTests;

/// <summary>Bad input never hurts: a flood of malformed and random SIP over UDP and TCP leaves the server answering,
/// and nothing the remote side did is logged above Information.</summary>
public sealed class MalformedInputTests
{
    private const string ValidOptions =
        "OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bKflood;rport\r\n" +
        "From: <sip:flood@127.0.0.1>;tag=fl00d\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: flood-1\r\nCSeq: 7 OPTIONS\r\n" +
        "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    [Fact]
    public async Task Server_keeps_answering_OPTIONS_after_thousands_of_malformed_datagrams_and_streams()
    {
        await using var server = await LyrebirdServer.StartAsync();
        var random = new Random(4475);

        using (var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            for (var i = 0; i < 3000; i++)
            {
                await udp.SendAsync(Malformed(random), server.SipEndPoint);
                if (i % 200 == 0)
                {
                    await Task.Delay(5); // stay within the socket buffer: this is about bad input, not load
                }
            }
        }

        for (var i = 0; i < 100; i++)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(server.SipEndPoint);
            var stream = tcp.GetStream();
            for (var j = 0; j < 5; j++)
            {
                try
                {
                    await stream.WriteAsync(Malformed(random));
                }
                catch (IOException)
                {
                    break; // the server closed the connection after a framing error, as it should
                }
            }
        }

        var result = await Sipp.RunAsync("options.xml", server.SipEndPoint, "u1", calls: 3);
        Assert.True(result.ExitCode == 0, result.ToString());
        var tcpResult = await Sipp.RunAsync("options.xml", server.SipEndPoint, "t1", calls: 3);
        Assert.True(tcpResult.ExitCode == 0, tcpResult.ToString());

        Assert.Equal(0, await server.StopAsync());
        var loud = server.Output.Split('\n').Where(line => line.StartsWith("warn:", StringComparison.Ordinal)
            || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(loud.Count == 0, "remote input was logged above Information:\n" + string.Join('\n', loud));
    }

    [Fact]
    public async Task Server_stops_cleanly_with_exit_code_0_on_SIGTERM()
    {
        var server = await LyrebirdServer.StartAsync();
        await using (server)
        {
            Assert.Equal(0, await server.StopAsync());
        }
    }

    /// <summary>A valid request mutated in one of several ways, or pure noise.</summary>
    private static byte[] Malformed(Random random)
    {
        var bytes = Encoding.ASCII.GetBytes(ValidOptions);
        switch (random.Next(6))
        {
            case 0: // random bytes
                var noise = new byte[random.Next(1, 1500)];
                random.NextBytes(noise);
                return noise;
            case 1: // truncated
                return bytes[..random.Next(1, bytes.Length)];
            case 2: // flipped bytes
                for (var k = 0; k < 1 + random.Next(8); k++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 3: // a required header removed
                var lines = ValidOptions.Split("\r\n").ToList();
                lines.RemoveAt(1 + random.Next(6));
                return Encoding.ASCII.GetBytes(string.Join("\r\n", lines));
            case 4: // absurd Content-Length
                return Encoding.ASCII.GetBytes(ValidOptions.Replace("Content-Length: 0", "Content-Length: " + random.Next(-5, int.MaxValue), StringComparison.Ordinal));
            default: // wrong version or giant header
                return random.Next(2) == 0
                    ? Encoding.ASCII.GetBytes(ValidOptions.Replace("SIP/2.0\r\nVia", "SIP/7.0\r\nVia", StringComparison.Ordinal))
                    : Encoding.ASCII.GetBytes(ValidOptions.Replace("Max-Forwards: 70", "X-Big: " + new string('a', 20_000), StringComparison.Ordinal));
        }
    }
}
