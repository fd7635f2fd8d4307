using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Lyrebird.InteropTests.Infrastructure;
using Lyrebird.Media.Recording;
using Lyrebird.Testing;

namespace Lyrebird.InteropTests;

/// <summary>The specification's F_RECORD key over real sockets: a SIPp snom-like caller sends INFO Record: on and off
/// during a call through Lyrebird while both phones stream tones; the recording is checked by its content.</summary>
public sealed partial class CallInteropTests
{
    [Fact]
    public async Task Info_record_on_then_off_records_that_span_in_stereo_with_each_party_in_its_channel()
    {
        await using var server = await StartServerAsync();
        var calleePort = FreePort.Get();
        await RegisterCalleeAsync(server, calleePort);
        using var caller = Phone();
        using var callee = Phone();
        var calleeRun = await StartCalleeAsync("callee-answers.xml", calleePort, PortOf(callee));

        var callerRun = RunCallerAsync(server, "caller-records.xml", "201", PortOf(caller));
        var (callerLeg, calleeLeg) = await RelayPortsAsync(server);
        using var stop = new CancellationTokenSource();
        var streaming = Task.WhenAll(
            StreamToneAsync(caller, callerLeg, 440, ssrc: 0x440, stop.Token),
            StreamToneAsync(callee, calleeLeg, 1000, ssrc: 0x1000, stop.Token));

        var callerResult = await callerRun;
        await stop.CancelAsync();
        await streaming;
        var calleeResult = await calleeRun;
        Assert.True(callerResult.ExitCode == 0, "caller: " + callerResult + "\nserver:\n" + server.Output);
        Assert.True(calleeResult.ExitCode == 0, "callee: " + calleeResult + "\nserver:\n" + server.Output);

        var recording = await SingleCompletedRecordingAsync(server);
        Assert.Equal("on-demand", recording.GetProperty("mode").GetString());
        Assert.Equal("200", recording.GetProperty("owner").GetString());
        Assert.Equal("200", recording.GetProperty("caller").GetProperty("extension").GetString());
        Assert.Equal("201", recording.GetProperty("callee").GetProperty("extension").GetString());
        Assert.Equal("PCMU", recording.GetProperty("codec").GetString());
        Assert.Equal(0, recording.GetProperty("droppedPackets").GetInt64());

        var wav = await ExportAsync(server, recording.GetProperty("id").GetString()!);
        var samples = WavFile.ReadSamples(wav, out var info);
        Assert.Equal(2, info.Channels);
        Assert.Equal(8000, info.SampleRate);
        Assert.InRange(info.Duration.TotalMilliseconds, 5000 - 20, 5000 + 40); // on…off span; SIPp's own timer adds a few ms
        var channel1 = Audio.Channel(samples, 2, 0);
        var channel2 = Audio.Channel(samples, 2, 1);
        Assert.Equal(440, Goertzel.Dominant(channel1, 8000, 440, 1000));
        Assert.Equal(1000, Goertzel.Dominant(channel2, 8000, 440, 1000));
        Assert.Empty(Audio.SilentRuns(channel1.AsSpan(160, channel1.Length - 320), 320)); // no gap > 40 ms inside the span
        Assert.Empty(Audio.SilentRuns(channel2.AsSpan(160, channel2.Length - 320), 320));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(wav))),
            recording.GetProperty("sha256").GetString());
    }

    /// <summary>Sends a tone (PCMU unless told otherwise) as 20 ms RTP packets in real time until cancelled. A
    /// dedicated thread with blocking sends, not timer callbacks on the thread pool: when the test run keeps the pool
    /// busy, pooled timers stall for hundreds of milliseconds and the "phone" itself would leave gaps in its audio.</summary>
    /// <param name="dropEvery">When above 0, every n-th packet is not sent (its sequence number and timestamp are
    /// skipped, as when the network loses it).</param>
    /// <returns>How many packets were dropped.</returns>
    internal static Task<int> StreamToneAsync(UdpClient phone, int relayPort, double frequency, uint ssrc, CancellationToken stop,
        RecordingCodec codec = RecordingCodec.Pcmu, int dropEvery = 0)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var stream = new RtpStream(codec, frequency, ssrc);
                var relay = new IPEndPoint(IPAddress.Loopback, relayPort);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var sent = 0L;
                var dropped = 0;
                while (!stop.IsCancellationRequested)
                {
                    var due = (long)(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds / 20);
                    for (; sent <= due; sent++)
                    {
                        if (dropEvery > 0 && sent % dropEvery == dropEvery - 1)
                        {
                            stream.Skip(1);
                            dropped++;
                            continue;
                        }

                        phone.Client.SendTo(stream.Next(), relay);
                    }

                    Thread.Sleep(2);
                }

                done.SetResult(dropped);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = $"rtp {frequency} Hz" };
        thread.Start();
        return done.Task;
    }

    internal static async Task<JsonElement> SingleCompletedRecordingAsync(LyrebirdServer server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var result = await LyrebirdCli.RunAsync("recordings", "list", "--json", "--data", server.DataDirectory);
            Assert.True(result.ExitCode == 0, result.ToString());
            using var document = JsonDocument.Parse(result.Output[..(result.Output.LastIndexOf(']') + 1)]);
            var rows = document.RootElement.EnumerateArray().Select(r => r.Clone()).ToList();
            if (rows.Count == 1 && rows[0].GetProperty("status").GetString() == "completed")
            {
                return rows[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"expected one completed recording, got {rows.Count}:\n{result.Output}\nserver:\n{server.Output}");
            }

            await Task.Delay(200);
        }
    }

    internal static async Task<string> ExportAsync(LyrebirdServer server, string id)
    {
        var target = Path.Combine(server.DataDirectory, "export-" + id + ".wav");
        var result = await LyrebirdCli.RunAsync("recordings", "export", id, target, "--data", server.DataDirectory);
        Assert.True(result.ExitCode == 0, result.ToString());
        return target;
    }
}
