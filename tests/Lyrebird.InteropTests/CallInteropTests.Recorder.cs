using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Lyrebird.InteropTests.Infrastructure;
using Lyrebird.Media.Recording;
using Lyrebird.Testing;

namespace Lyrebird.InteropTests;

/// <summary>The snom Recorder key over real sockets (RECORDING.md §2): a SIPp snom-like caller calls a recorder target,
/// the test streams the phone's audio from its own socket, and the mono recording is checked by its content.</summary>
public sealed partial class CallInteropTests
{
    [GeneratedRegex(@"Recorder call \S+: 200 → \S+ answered \(PCMU\); relay RTP port (\d+)")]
    private static partial Regex RecorderAnsweredLine();

    [Theory]
    [InlineData("9999")]
    [InlineData("recorder")]
    public async Task Recorder_target_records_the_phones_stream_in_mono_until_its_bye_and_never_sends_rtp(string target)
    {
        await using var server = await StartServerAsync();
        using var phone = Phone();

        var run = RunRecorderCallerAsync(server, "recorder-caller.xml", target, PortOf(phone), holdMs: 6000);
        var port = int.Parse((await WaitForAsync(server, RecorderAnsweredLine())).Groups[1].Value, CultureInfo.InvariantCulture);
        using var stop = new CancellationTokenSource();
        var streaming = StreamToneAsync(phone, port, 440, ssrc: 0x440, stop.Token);
        var result = await run;
        await stop.CancelAsync();
        await streaming;
        Assert.True(result.ExitCode == 0, "caller: " + result + "\nserver:\n" + server.Output);

        var recording = await SingleCompletedRecordingAsync(server);
        Assert.Equal("recorder", recording.GetProperty("mode").GetString());
        Assert.Equal("200", recording.GetProperty("owner").GetString());
        Assert.Equal("200", recording.GetProperty("caller").GetProperty("extension").GetString());
        Assert.Equal("PCMU", recording.GetProperty("codec").GetString());
        Assert.Contains("unlinked: no other call in progress", recording.ToString(), StringComparison.Ordinal);

        var wav = await ExportAsync(server, recording.GetProperty("id").GetString()!);
        var samples = WavFile.ReadSamples(wav, out var info);
        Assert.Equal(1, info.Channels);
        Assert.Equal(8000, info.SampleRate);
        // The recording spans answer → BYE, which SIPp times: its 6 s pause plus its 200→ACK turnaround and the timer
        // slack of a loaded two-core machine (up to ~200 ms seen). The file and the catalogue agree to the millisecond.
        Assert.InRange(info.Duration.TotalMilliseconds, 6000 - 40, 6000 + 300);
        Assert.Equal(info.Duration.TotalSeconds, recording.GetProperty("durationSeconds").GetDouble(), precision: 2);
        Assert.Equal(440, Goertzel.Dominant(samples, 8000, 440, 1000));
        // The test learns the answered port from the server log (polled every 50 ms), so its tone starts up to ~100 ms
        // after the answer: that lead-in is silence; after it, no gap longer than 40 ms.
        // a longer lead-in under load is the test's phone starting late, not a gap
        Assert.DoesNotContain(Audio.SilentRuns(samples.AsSpan(1200, samples.Length - 1360), 320), run => run.Start != 0);
        Assert.Equal(0, phone.Available); // Lyrebird sent nothing to the phone's RTP socket
        Assert.Contains(", 0 sent to the phone", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorder_refuses_a_user_whose_policy_is_never_and_a_wrong_password()
    {
        await using var server = await StartServerAsync();
        var set = await LyrebirdCli.RunAsync("user", "set", "200", "--recording", "never", "--data", server.DataDirectory);
        Assert.True(set.ExitCode == 0, set.ToString());
        using var phone = Phone();

        var never = await RunRecorderCallerAsync(server, "recorder-caller-refused.xml", "9999", PortOf(phone), 0);
        var wrongPassword = await RunRecorderCallerAsync(server, "recorder-caller-refused.xml", "9999", PortOf(phone), 0, password: "wrong");

        Assert.True(never.ExitCode == 0, "never: " + never + "\nserver:\n" + server.Output);
        Assert.True(wrongPassword.ExitCode == 0, "wrong password: " + wrongPassword + "\nserver:\n" + server.Output);
        var list = await LyrebirdCli.RunAsync("recordings", "list", "--json", "--data", server.DataDirectory);
        Assert.StartsWith("[]", list.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorder_extension_cannot_be_added_as_a_user()
    {
        await using var server = await StartServerAsync();
        var result = await LyrebirdCli.RunAsync("user", "add", "9999", "--password", "x", "--data", server.DataDirectory);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("reserved", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorder_ends_a_stalled_call_with_bye_and_keeps_the_audio()
    {
        await using var server = await StartServerAsync(new Dictionary<string, string> { ["LYREBIRD_Pbx__RecorderInactivityTimeout"] = "00:00:01" });
        using var phone = Phone();

        var run = RunRecorderCallerAsync(server, "recorder-caller-waits-for-bye.xml", "9999", PortOf(phone), 0);
        var port = int.Parse((await WaitForAsync(server, RecorderAnsweredLine())).Groups[1].Value, CultureInfo.InvariantCulture);
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await StreamToneAsync(phone, port, 440, ssrc: 0x440, stop.Token); // then the phone goes quiet
        }

        var result = await run;
        Assert.True(result.ExitCode == 0, "caller: " + result + "\nserver:\n" + server.Output);
        var recording = await SingleCompletedRecordingAsync(server);
        Assert.Equal("recorder", recording.GetProperty("mode").GetString());
        var wav = await ExportAsync(server, recording.GetProperty("id").GetString()!);
        var samples = WavFile.ReadSamples(wav, out var info);
        Assert.Equal(1, info.Channels);
        Assert.True(info.Duration.TotalMilliseconds >= 1900, $"duration {info.Duration}");
        Assert.Equal(440, Goertzel.Dominant(samples.AsSpan(0, 8000), 8000, 440, 1000));
        Assert.Equal(0, phone.Available);
    }

    [Fact]
    public async Task Recorder_call_during_a_call_with_201_is_linked_to_that_call()
    {
        await using var server = await StartServerAsync();
        var calleePort = FreePort.Get();
        await RegisterCalleeAsync(server, calleePort);
        using var caller = Phone();
        using var callee = Phone();
        using var recorderPhone = Phone();
        var calleeRun = await StartCalleeAsync("callee-answers.xml", calleePort, PortOf(callee));
        var callRun = RunCallerAsync(server, "caller-hangs-up.xml", "201", PortOf(caller), holdMs: 4000);
        await RelayPortsAsync(server); // 200 and 201 are connected

        var recorder = await RunRecorderCallerAsync(server, "recorder-caller.xml", "9999", PortOf(recorderPhone), holdMs: 500);
        var call = await callRun;
        var calleeResult = await calleeRun;

        Assert.True(recorder.ExitCode == 0, "recorder: " + recorder + "\nserver:\n" + server.Output);
        Assert.True(call.ExitCode == 0, "caller: " + call + "\nserver:\n" + server.Output);
        Assert.True(calleeResult.ExitCode == 0, "callee: " + calleeResult + "\nserver:\n" + server.Output);
        var recording = await SingleCompletedRecordingAsync(server);
        Assert.Equal("201", recording.GetProperty("callee").GetProperty("extension").GetString());
        Assert.Contains("linked to call ", recording.ToString(), StringComparison.Ordinal);
        Assert.Contains(" with 201", recording.ToString(), StringComparison.Ordinal);
        var forCallee = await LyrebirdCli.RunAsync("recordings", "list", "--user", "201", "--json", "--data", server.DataDirectory);
        Assert.Contains(recording.GetProperty("id").GetString()!, forCallee.Output, StringComparison.Ordinal);
    }

    /// <summary>SIPp as a snom phone (extension 200) pressing its Recorder key: a call to the recorder target.</summary>
    private static Task<Peer.Result> RunRecorderCallerAsync(LyrebirdServer server, string scenario, string target, int rtpPort, int holdMs,
        string password = CallerPassword) =>
        RunCallerAsync(server, scenario, target, rtpPort, holdMs, password: password);
}
