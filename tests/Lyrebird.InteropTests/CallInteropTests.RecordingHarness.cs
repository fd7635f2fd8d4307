using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lyrebird.InteropTests.Infrastructure;
using Lyrebird.Media.Recording;
using Lyrebird.Testing;

namespace Lyrebird.InteropTests;

/// <summary>Shared steps of the recording tests (RecordingInteropTests*): one call through a real server with both
/// phones streaming tones (caller 440 Hz, callee 1000 Hz), and reading the catalogue and the files back.</summary>
public sealed partial class CallInteropTests
{
    internal const double CallerTone = 440;
    internal const double CalleeTone = 1000;

    /// <summary>Registers 201, runs the callee and caller scenarios while both phones stream their tone through the
    /// relay, and checks that both SIPp runs succeeded.</summary>
    /// <returns>How many packets the caller's stream dropped on purpose.</returns>
    internal static async Task<int> RunRecordedCallAsync(LyrebirdServer server, string callerScenario, string calleeScenario = "callee-answers.xml",
        int callerHoldMs = 0, RecordingCodec codec = RecordingCodec.Pcmu, int callerDropEvery = 0)
    {
        var keys = codec switch
        {
            RecordingCodec.Pcma => (string[])["-key", "pt", "8", "-key", "codec", "PCMA"],
            RecordingCodec.G722 => ["-key", "pt", "9", "-key", "codec", "G722"],
            _ => ["-key", "pt", "0", "-key", "codec", "PCMU"],
        };
        var calleePort = FreePort.Get();
        await RegisterCalleeAsync(server, calleePort);
        using var caller = Phone();
        using var callee = Phone();
        using var abandon = new CancellationTokenSource();
        var calleeRun = await StartCalleeAsync(calleeScenario, calleePort, PortOf(callee), extra: keys, cancellation: abandon.Token);

        var callerRun = RunCallerAsync(server, callerScenario, "201", PortOf(caller), callerHoldMs, keys, cancellation: abandon.Token);
        int callerLeg, calleeLeg;
        try
        {
            (callerLeg, calleeLeg) = await RelayPortsAsync(server);
        }
        catch (TimeoutException e)
        {
            await abandon.CancelAsync();
            Assert.Fail($"{e.Message}\ncaller: {await callerRun}\ncallee: {await calleeRun}");
            throw;
        }

        using var stop = new CancellationTokenSource();
        var callerStream = StreamToneAsync(caller, callerLeg, CallerTone, ssrc: 0x440, stop.Token, codec, callerDropEvery);
        var calleeStream = StreamToneAsync(callee, calleeLeg, CalleeTone, ssrc: 0x1000, stop.Token, codec);

        var callerResult = await callerRun;
        await stop.CancelAsync();
        var dropped = await callerStream;
        await calleeStream;
        var calleeResult = await calleeRun;
        Assert.True(callerResult.ExitCode == 0, "caller: " + callerResult + "\nserver:\n" + server.Output);
        Assert.True(calleeResult.ExitCode == 0, "callee: " + calleeResult + "\nserver:\n" + server.Output);
        return dropped;
    }

    /// <summary>The catalogue as <c>lyrebird recordings list --json</c> prints it, oldest first.</summary>
    internal static async Task<List<JsonElement>> RecordingRowsAsync(LyrebirdServer server)
    {
        var result = await LyrebirdCli.RunAsync("recordings", "list", "--json", "--data", server.DataDirectory);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output[..(result.Output.LastIndexOf(']') + 1)]);
        return [.. document.RootElement.EnumerateArray().Select(r => r.Clone()).OrderBy(r => r.GetProperty("startedAt").GetDateTimeOffset())];
    }

    /// <summary>Waits until the catalogue holds exactly <paramref name="count"/> rows, all completed.</summary>
    internal static async Task<List<JsonElement>> CompletedRecordingsAsync(LyrebirdServer server, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var rows = await RecordingRowsAsync(server);
            if (rows.Count == count && rows.All(r => r.GetProperty("status").GetString() == "completed"))
            {
                return rows;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"expected {count} completed recordings, got {rows.Count}:\n{string.Join('\n', rows)}\nserver:\n{server.Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Nothing recorded: no catalogue row and no file under the recordings folder, once the call has finished.</summary>
    internal static async Task AssertNothingRecordedAsync(LyrebirdServer server)
    {
        await WaitForAsync(server, FinishedLine()); // the call is over; a segment would have been catalogued before this
        Assert.Empty(await RecordingRowsAsync(server));
        var folder = Path.Combine(server.DataDirectory, "recordings");
        Assert.Empty(Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : []);
    }

    /// <summary>Exports a row's file and reads it: checks its format and its catalogue hash, returns both channels.</summary>
    internal static async Task<(short[] Caller, short[] Callee, WavInfo Info)> ReadStereoAsync(LyrebirdServer server, JsonElement row, int sampleRate)
    {
        var wav = await ExportAsync(server, row.GetProperty("id").GetString()!);
        var samples = WavFile.ReadSamples(wav, out var info);
        Assert.Equal(2, info.Channels);
        Assert.Equal(sampleRate, info.SampleRate);
        Assert.True(info.SizesMatchFile, $"header sizes {info.DeclaredRiffSize}/{info.DeclaredDataBytes}, file {info.FileLength}");
        Assert.Equal(row.GetProperty("size").GetInt64(), info.FileLength);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(wav))),
            row.GetProperty("sha256").GetString());
        return (Audio.Channel(samples, 2, 0), Audio.Channel(samples, 2, 1), info);
    }

    /// <summary>The caller's tone in channel 1, the callee's in channel 2, and no gap over 40 ms inside either (the first
    /// and last 20 ms may hold the edges of the span). With <paramref name="leadIn"/>, silence at the very start is
    /// allowed: the recording began at the answer, before the test's phones learned the relay ports and started sending.</summary>
    internal static void AssertPartiesInTheirChannels(short[] caller, short[] callee, int sampleRate, bool leadIn = false)
    {
        Assert.Equal(CallerTone, Goertzel.Dominant(caller, sampleRate, CallerTone, CalleeTone));
        Assert.Equal(CalleeTone, Goertzel.Dominant(callee, sampleRate, CallerTone, CalleeTone));
        var callerPower = Goertzel.Power(caller, sampleRate, CallerTone);
        var calleePower = Goertzel.Power(callee, sampleRate, CalleeTone);
        Assert.True(callerPower > 0.05, $"the caller's tone is too weak: {callerPower}; silent runs {string.Join(", ", Audio.SilentRuns(caller, 80))}");
        Assert.True(calleePower > 0.05, $"the callee's tone is too weak: {calleePower}; silent runs {string.Join(", ", Audio.SilentRuns(callee, 80))}");
        var edge = sampleRate / 50;
        Assert.DoesNotContain(Audio.SilentRuns(caller.AsSpan(edge, caller.Length - (2 * edge)), 2 * edge), run => !(leadIn && run.Start == 0));
        Assert.DoesNotContain(Audio.SilentRuns(callee.AsSpan(edge, callee.Length - (2 * edge)), 2 * edge), run => !(leadIn && run.Start == 0));
    }

    /// <summary>The catalogue's duration agrees with the file's length (within a sample).</summary>
    internal static void AssertCatalogueDuration(JsonElement row, WavInfo info) =>
        Assert.InRange(row.GetProperty("durationSeconds").GetDouble(), info.Duration.TotalSeconds - 0.002, info.Duration.TotalSeconds + 0.002);

    /// <summary>When the server logged the first line matching <paramref name="line"/> (its console timestamp).</summary>
    internal static async Task<DateTime> LoggedAtAsync(LyrebirdServer server, string line)
    {
        var match = await WaitForAsync(server, new Regex(@"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) \w+: .*" + line, RegexOptions.Multiline | RegexOptions.IgnoreCase));
        return DateTime.ParseExact(match.Groups[1].Value, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
    }

    /// <summary>Changes a user's recording policy with <c>lyrebird user set</c> (read by the server at the next call).</summary>
    internal static async Task SetRecordingPolicyAsync(LyrebirdServer server, string extension, string policy)
    {
        var result = await LyrebirdCli.RunAsync("user", "set", extension, "--recording", policy, "--data", server.DataDirectory);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
