using System.Diagnostics;
using System.Text.Json;
using Lyrebird.InteropTests.Infrastructure;
using Lyrebird.Media.Recording;
using Lyrebird.Testing;
using static Lyrebird.InteropTests.CallInteropTests;

namespace Lyrebird.InteropTests;

/// <summary>Recording when things go wrong, over real sockets (RECORDING.md §3): packet loss keeps the timeline, and a
/// server killed with SIGKILL leaves a file that the next start-up repairs and catalogues as interrupted.</summary>
public sealed class RecordingRobustnessInteropTests
{
    [Fact]
    public async Task Lost_packets_become_20_ms_silences_in_that_party_s_channel_at_their_places_and_the_length_stays_right()
    {
        await using var server = await StartServerAsync();

        // The caller's phone does not send every 20th packet (5 % loss); the callee's stream is complete.
        var dropped = await RunRecordedCallAsync(server, "caller-records-codec.xml", "callee-answers-codec.xml", callerDropEvery: 20);

        var row = Assert.Single(await CompletedRecordingsAsync(server, 1));
        Assert.Equal(0, row.GetProperty("droppedPackets").GetInt64()); // the recorder itself lost nothing
        var (caller, callee, info) = await ReadStereoAsync(server, row, 8000);
        Assert.InRange(info.Duration.TotalMilliseconds, 3000 - 20, 3000 + 150); // the span, not the span minus the losses
        AssertCatalogueDuration(row, info);

        var edge = 160; // the first and last packet of the span may be partial
        var gaps = Audio.SilentRuns(caller.AsSpan(edge, caller.Length - (2 * edge)), 120);
        var packets = caller.Length / 160.0;
        Assert.True(dropped > gaps.Count, $"the stream dropped {dropped} packets over the whole call, the span holds {gaps.Count} gaps");
        Assert.InRange(gaps.Count, (int)(packets / 20) - 1, (int)(packets / 20) + 1);
        Assert.All(gaps, g => Assert.InRange(g.Length, 160, 170)); // one packet each (a zero sample may touch an edge)
        for (var i = 1; i < gaps.Count; i++)
        {
            Assert.InRange(gaps[i].Start - gaps[i - 1].Start, 3200 - 10, 3200 + 10); // every 20th packet, in its place
        }

        Assert.Empty(Audio.SilentRuns(callee.AsSpan(edge, callee.Length - (2 * edge)), 80));
        Assert.Equal(CallInteropTests.CallerTone, Goertzel.Dominant(caller, 8000, CallInteropTests.CallerTone, CallInteropTests.CalleeTone));
        Assert.Equal(CallInteropTests.CalleeTone, Goertzel.Dominant(callee, 8000, CallInteropTests.CallerTone, CallInteropTests.CalleeTone));
    }

    [Fact]
    public async Task A_server_killed_while_recording_leaves_a_file_the_next_start_repairs_and_catalogues_as_interrupted()
    {
        await using var server = await StartServerAsync();
        var calleePort = FreePort.Get();
        await RegisterCalleeAsync(server, calleePort);
        using var caller = Phone();
        using var callee = Phone();
        using var abandon = new CancellationTokenSource();
        var calleeRun = await StartCalleeAsync("callee-answers.xml", calleePort, PortOf(callee), cancellation: abandon.Token);
        var callerRun = RunCallerAsync(server, "caller-records-until-bye.xml", "201", PortOf(caller), holdMs: 30_000, cancellation: abandon.Token);
        var (callerLeg, calleeLeg) = await RelayPortsAsync(server);
        using var stop = new CancellationTokenSource();
        var streaming = Task.WhenAll(
            StreamToneAsync(caller, callerLeg, CallerTone, ssrc: 0x440, stop.Token),
            StreamToneAsync(callee, calleeLeg, CalleeTone, ssrc: 0x1000, stop.Token));

        await WaitForAsync(server, new System.Text.RegularExpressions.Regex("Recording .* started: call"));
        var recording = Stopwatch.StartNew(); // started at most one poll (50 ms) plus the log's latency earlier
        await Task.Delay(3500);
        await server.KillAsync();
        var recordedAtLeast = recording.Elapsed;
        await stop.CancelAsync();
        await streaming;
        await abandon.CancelAsync(); // the phones would wait for a server that is gone
        await callerRun;
        await calleeRun;

        var before = Assert.Single(await RecordingRowsAsync(server));
        Assert.Equal("recording", before.GetProperty("status").GetString());
        var path = Path.Combine(server.DataDirectory, before.GetProperty("fileName").GetString()!);
        var crashed = WavFile.ReadInfo(path);
        Assert.NotNull(crashed); // a readable WAV header even without a clean stop
        var bytesPerSecond = 8000 * 2 * 2;
        Assert.InRange(crashed.FileLength - crashed.DataOffset - crashed.DeclaredDataBytes, 0, bytesPerSecond); // patched at least every second

        await using var restarted = await LyrebirdServer.StartAsync(server.DataDirectory);
        var row = await InterruptedRecordingAsync(restarted);
        var samples = WavFile.ReadSamples(path, out var info);
        Assert.True(info.SizesMatchFile, $"header sizes {info.DeclaredRiffSize}/{info.DeclaredDataBytes}, file {info.FileLength}");
        Assert.Equal(2, info.Channels);
        Assert.InRange(info.Duration, recordedAtLeast - TimeSpan.FromSeconds(1), recordedAtLeast + TimeSpan.FromMilliseconds(500));
        Assert.Equal(info.FileLength, row.GetProperty("size").GetInt64());
        AssertCatalogueDuration(row, info);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path))),
            row.GetProperty("sha256").GetString());
        AssertPartiesInTheirChannels(Audio.Channel(samples, 2, 0)[..^160], Audio.Channel(samples, 2, 1)[..^160], 8000); // the last packet may be cut
    }

    private static async Task<JsonElement> InterruptedRecordingAsync(LyrebirdServer server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var rows = await RecordingRowsAsync(server);
            if (rows.Count == 1 && rows[0].GetProperty("status").GetString() == "interrupted")
            {
                return rows[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"expected one interrupted recording, got:\n{string.Join('\n', rows)}\nserver:\n{server.Output}");
            }

            await Task.Delay(200);
        }
    }
}
