namespace Lyrebird.Media.Recording.Tests;

public sealed class RecordingSessionTests
{
    private const int Rate = 8000;
    private const int FramesPerPacket = 160;

    private static void AssertDominant(short[] samples, int rate, double expected, double other)
    {
        Assert.True(samples.Length > 0);
        Assert.Equal(expected, Goertzel.Dominant(samples, rate, expected, other));
        double ratio = Goertzel.Power(samples, rate, expected) / Math.Max(Goertzel.Power(samples, rate, other), 1e-12);
        Assert.True(ratio > 100, $"{expected} Hz is only {ratio:F1}× stronger than {other} Hz");
    }

    [Fact]
    public async Task Caller_and_callee_tones_land_in_channels_1_and_2_and_the_file_lasts_stop_minus_start()
    {
        using var h = new RecordingHarness();
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1), RecordingParty.Caller, 3, 250);
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2), RecordingParty.Callee, 11, 250);

        FinishedRecording r = await h.StopAsync(5000);

        Assert.Equal(RecordingStatus.Completed, r.Result.Status);
        Assert.Equal(2, r.Result.Channels);
        Assert.Equal(8000, r.Result.SampleRate);
        Assert.InRange(r.Result.Frames, 5 * Rate - FramesPerPacket, 5 * Rate + FramesPerPacket);
        Assert.Equal(r.Result.Frames * 2, r.Samples.Length);
        AssertDominant(r.Slice(0, 100, 4900), Rate, 440, 1000);
        AssertDominant(r.Slice(1, 100, 4900), Rate, 1000, 440);
        Assert.Equal(250, r.Result.Caller.Placed);
        Assert.Equal(250, r.Result.Callee!.Placed);
        Assert.Equal(0, r.Result.DroppedPackets);

        WavInfo info = WavFile.ReadInfo(h.Path)!;
        Assert.True(info.SizesMatchFile);
        Assert.Equal(r.Result.FileSize, info.FileLength);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(h.Path))), r.Result.Sha256Hex);
    }

    [Fact]
    public async Task Five_percent_loss_becomes_silence_exactly_where_the_packets_were_missing()
    {
        using var h = new RecordingHarness();
        var lost = new HashSet<int> { 7, 30, 31, 55, 80, 99, 120, 121, 122, 170, 199, 230 };
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1), RecordingParty.Caller, 0, 250, i => !lost.Contains(i));
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2), RecordingParty.Callee, 0, 250);

        FinishedRecording r = await h.StopAsync(5000);

        short[] caller = r.Channel(0);
        Assert.InRange(r.Result.Frames, 5 * Rate - FramesPerPacket, 5 * Rate + FramesPerPacket);
        for (int i = 0; i < 250; i++)
        {
            ReadOnlySpan<short> slot = caller.AsSpan(i * FramesPerPacket, FramesPerPacket);
            Assert.True(lost.Contains(i) == Audio.IsSilent(slot), $"packet {i}: lost={lost.Contains(i)}");
        }

        Assert.False(Audio.IsSilent(r.Slice(1, 0, 5000)));
        Assert.Empty(Audio.SilentRuns(r.Channel(1), 20));
    }

    [Fact]
    public async Task Reordered_packets_within_the_jitter_window_go_to_their_place()
    {
        using var inOrder = new RecordingHarness(channels: 1);
        inOrder.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1), RecordingParty.Caller, 0, 100);
        FinishedRecording expected = await inOrder.StopAsync(2000);

        using var h = new RecordingHarness(channels: 1);
        var stream = new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1);
        for (int i = 0; i < 100; i++)
        {
            // Every 10th packet is delayed by 60 ms: it arrives after the next two.
            double delay = i % 10 == 5 ? 60 : 0;
            h.Add((i * 20) + delay, RecordingParty.Caller, stream.Next());
        }

        FinishedRecording r = await h.StopAsync(2000);

        Assert.Equal(expected.Samples, r.Samples);
        Assert.Equal(0, r.Result.Caller.Late);
        Assert.True(r.Result.Caller.Reordered >= 10);
    }

    [Fact]
    public async Task Duplicated_packets_are_dropped()
    {
        using var clean = new RecordingHarness(channels: 1);
        clean.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1), RecordingParty.Caller, 0, 100);
        FinishedRecording expected = await clean.StopAsync(2000);

        using var h = new RecordingHarness(channels: 1);
        var stream = new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1);
        for (int i = 0; i < 100; i++)
        {
            byte[] packet = stream.Next();
            h.Add(i * 20, RecordingParty.Caller, packet);
            h.Add((i * 20) + 1, RecordingParty.Caller, packet);
        }

        FinishedRecording r = await h.StopAsync(2000);

        Assert.Equal(expected.Samples, r.Samples);
        Assert.Equal(100, r.Result.Caller.Duplicates);
    }

    [Fact]
    public async Task A_party_that_starts_late_gets_leading_silence_of_the_right_length()
    {
        using var h = new RecordingHarness();
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1), RecordingParty.Caller, 0, 200);
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2), RecordingParty.Callee, 1500, 125);

        FinishedRecording r = await h.StopAsync(4000);

        short[] callee = r.Channel(1);
        int firstSound = Array.FindIndex(callee, s => s != 0);
        Assert.InRange(firstSound, 1500 * 8 - 8, 1500 * 8 + FramesPerPacket);
        AssertDominant(r.Slice(1, 1600, 3900), Rate, 1000, 440);
        Assert.Equal(r.Channel(0).Length, callee.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hold_without_packets_for_two_seconds_becomes_two_seconds_of_silence(bool timestampsAdvanceDuringHold)
    {
        using var h = new RecordingHarness();
        var caller = new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1);
        h.AddRun(caller, RecordingParty.Caller, 0, 50);
        caller.Skip(100, advanceTimestamp: timestampsAdvanceDuringHold, advanceSequence: false);
        h.AddRun(caller, RecordingParty.Caller, 3000, 50);
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2), RecordingParty.Callee, 0, 200);

        FinishedRecording r = await h.StopAsync(4000);

        var runs = Audio.SilentRuns(r.Channel(0), 400);
        (int start, int length) = Assert.Single(runs);
        Assert.InRange(start, 8000 - 8, 8000 + 8);
        Assert.InRange(length, 16000 - FramesPerPacket, 16000 + FramesPerPacket);
        AssertDominant(r.Slice(0, 3050, 3950), Rate, 440, 1000);
        Assert.InRange(r.Result.Frames, 4 * Rate - FramesPerPacket, 4 * Rate + FramesPerPacket);
    }

    [Fact]
    public async Task An_ssrc_change_reanchors_without_a_gap()
    {
        using var h = new RecordingHarness();
        var caller = new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1);
        h.AddRun(caller, RecordingParty.Caller, 0, 100);
        caller.Ssrc = 0xDEADBEEF;
        caller.Sequence = 7;
        caller.Timestamp = 3_000_000_000;
        h.AddRun(caller, RecordingParty.Caller, 2000, 100);
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2), RecordingParty.Callee, 0, 200);

        FinishedRecording r = await h.StopAsync(4000);

        Assert.Equal(1, r.Result.Caller.SsrcChanges);
        Assert.Equal(200, r.Result.Caller.Placed);
        Assert.Empty(Audio.SilentRuns(r.Slice(0, 0, 3990), 20));
        AssertDominant(r.Slice(0, 2000, 3990), Rate, 440, 1000);
    }

    [Theory]
    [InlineData(80_000u)] // +10 s
    [InlineData(4_294_000_000u)] // backwards
    public async Task A_timestamp_jump_reanchors_to_arrival_time(uint jump)
    {
        using var h = new RecordingHarness();
        var caller = new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1);
        h.AddRun(caller, RecordingParty.Caller, 0, 100);
        caller.Timestamp += jump;
        h.AddRun(caller, RecordingParty.Caller, 2000, 100);
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2), RecordingParty.Callee, 0, 200);

        FinishedRecording r = await h.StopAsync(4000);

        Assert.Equal(1, r.Result.Caller.Reanchors);
        Assert.Equal(200, r.Result.Caller.Placed);
        Assert.Empty(Audio.SilentRuns(r.Slice(0, 0, 3990), 20));
        Assert.InRange(r.Result.Frames, 4 * Rate - FramesPerPacket, 4 * Rate + FramesPerPacket);
    }

    [Fact]
    public async Task Alaw_streams_are_decoded()
    {
        using var h = new RecordingHarness();
        h.AddRun(new RtpStream(RecordingCodec.Pcma, 440, ssrc: 1), RecordingParty.Caller, 0, 100);
        h.AddRun(new RtpStream(RecordingCodec.Pcma, 1000, ssrc: 2), RecordingParty.Callee, 0, 100);

        FinishedRecording r = await h.StopAsync(2000);

        AssertDominant(r.Slice(0, 0, 2000), Rate, 440, 1000);
        AssertDominant(r.Slice(1, 0, 2000), Rate, 1000, 440);
    }

    [Fact]
    public async Task G722_calls_are_recorded_at_16_kHz_with_the_tone_in_its_channel()
    {
        using var h = new RecordingHarness(sampleRate: 16000);
        h.AddRun(new RtpStream(RecordingCodec.G722, 440, ssrc: 1), RecordingParty.Caller, 0, 150);
        h.AddRun(new RtpStream(RecordingCodec.G722, 1000, ssrc: 2), RecordingParty.Callee, 0, 150);

        FinishedRecording r = await h.StopAsync(3000);

        Assert.Equal(16000, r.Result.SampleRate);
        Assert.InRange(r.Result.Frames, 3 * 16000 - 320, 3 * 16000 + 320);
        AssertDominant(r.Slice(0, 100, 2900), 16000, 440, 1000);
        AssertDominant(r.Slice(1, 100, 2900), 16000, 1000, 440);
        Assert.Empty(Audio.SilentRuns(r.Slice(0, 0, 2990), 40));
        Assert.Equal(16000, WavFile.ReadInfo(h.Path)!.SampleRate);
    }

    [Fact]
    public async Task A_pcmu_leg_in_a_16_kHz_recording_is_upsampled_in_time()
    {
        using var h = new RecordingHarness(sampleRate: 16000);
        h.AddRun(new RtpStream(RecordingCodec.G722, 1000, ssrc: 1), RecordingParty.Caller, 0, 100);
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 2), RecordingParty.Callee, 0, 100);

        FinishedRecording r = await h.StopAsync(2000);

        AssertDominant(r.Slice(1, 0, 2000), 16000, 440, 1000);
        Assert.Empty(Audio.SilentRuns(r.Slice(1, 0, 1990), 40));
    }

    [Fact]
    public async Task Unknown_payload_types_are_counted_and_reported_once_and_telephone_events_ignored()
    {
        var observer = new RecordingObserver();
        RecordingPayloadMap map = RecordingPayloadMap.CreateStatic().Map(101, RecordingCodec.Ignored);
        using var h = new RecordingHarness(callerPayloads: map, options: new CallRecorderOptions { Observer = observer });
        var caller = new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1);
        h.AddRun(caller, RecordingParty.Caller, 0, 50);
        caller.PayloadType = 101;
        h.AddRun(caller, RecordingParty.Caller, 1000, 5);
        caller.PayloadType = 96;
        h.AddRun(caller, RecordingParty.Caller, 1100, 10);

        FinishedRecording r = await h.StopAsync(1400);

        Assert.Equal(5, r.Result.Caller.IgnoredPayloadType);
        Assert.Equal(10, r.Result.Caller.UnknownPayloadType);
        Assert.Equal(96, r.Result.Caller.FirstUnknownPayloadType);
        Assert.Equal([(RecordingParty.Caller, 96)], observer.Unknown);
        Assert.True(Audio.IsSilent(r.Slice(0, 1000, 1400)));
    }

    [Fact]
    public async Task Mono_recordings_keep_the_caller_only()
    {
        using var h = new RecordingHarness(channels: 1);
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1), RecordingParty.Caller, 0, 100);
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2), RecordingParty.Callee, 0, 100);

        FinishedRecording r = await h.StopAsync(2000);

        Assert.Equal(1, r.Result.Channels);
        Assert.Null(r.Result.Callee);
        Assert.Equal(r.Result.Frames, r.Samples.Length);
        AssertDominant(r.Samples, Rate, 440, 1000);
        Assert.Equal(1, WavFile.ReadInfo(h.Path)!.Channels);
    }

    [Fact]
    public async Task Packets_after_the_stop_time_are_not_in_the_file_even_if_written_before_the_stop_was_known()
    {
        using var h = new RecordingHarness();
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1), RecordingParty.Caller, 0, 150);
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2), RecordingParty.Callee, 0, 150);
        h.Feed();

        FinishedRecording r = await h.StopAsync(1234);

        Assert.Equal(1234 * 8, r.Result.Frames);
        Assert.Equal(1234 * 8 * 2, r.Samples.Length);
        Assert.True(WavFile.ReadInfo(h.Path)!.SizesMatchFile);
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_packets_without_throwing()
    {
        using var h = new RecordingHarness(options: new CallRecorderOptions { QueueBytesPerChannel = 4096 });
        var caller = new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1);
        for (int i = 0; i < 100; i++)
        {
            h.Session.Tap(caller.Next(), h.Start + ManualClock.Ms(i * 20), RecordingParty.Caller);
        }

        Assert.True(h.Session.DroppedPackets > 0);
        FinishedRecording r = await h.StopAsync(2000);

        Assert.Equal(RecordingStatus.Completed, r.Result.Status);
        Assert.Equal(100, r.Result.Caller.QueueDrops + r.Result.Caller.Packets);
        Assert.True(r.Result.DroppedPackets > 50);
        Assert.Equal(2000 * 8, r.Result.Frames);
    }

    [Fact]
    public async Task A_failing_disk_ends_the_session_as_failed_with_the_reason()
    {
        var observer = new RecordingObserver();
        var stream = new FailingStream(failAfterBytes: 20_000);
        using var h = new RecordingHarness(options: new CallRecorderOptions { Observer = observer },
            writer: new WavWriter(stream, 8000, 2, bufferSize: 8192));
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1), RecordingParty.Caller, 0, 150);
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2), RecordingParty.Callee, 0, 150);

        FinishedRecording r = await h.StopAsync(3000);

        Assert.Equal(RecordingStatus.Failed, r.Result.Status);
        Assert.Contains("No space left on device", r.Result.FailureReason);
        Assert.Null(r.Result.Sha256);
        Assert.Equal(RecordingStatus.Failed, h.Session.Status);
        Assert.Single(observer.Failures);
        h.Session.Tap(new RtpStream(RecordingCodec.Pcmu, 440, 1).Next(), h.Start, RecordingParty.Caller);
    }

    [Fact]
    public async Task Silence_is_written_while_both_parties_are_silent_so_a_crash_during_hold_loses_little()
    {
        using var h = new RecordingHarness();
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1), RecordingParty.Caller, 0, 25);
        h.Feed();
        h.Clock.Now = h.Start + ManualClock.Ms(10_000);
        h.Recorder.PumpOnce();

        WavInfo info = WavFile.ReadInfo(h.Path)!;
        Assert.InRange(info.Duration.TotalSeconds, 9.0, 10.0);

        FinishedRecording r = await h.StopAsync(10_000);
        Assert.Equal(10 * Rate, r.Result.Frames);
    }

    [Fact]
    public async Task Stop_is_idempotent()
    {
        using var h = new RecordingHarness();
        h.AddRun(new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1), RecordingParty.Caller, 0, 25);
        FinishedRecording first = await h.StopAsync(500);
        RecordingResult second = await h.Session.StopAsync(h.Start + ManualClock.Ms(9000));
        Assert.Equal(first.Result.Frames, second.Frames);
        Assert.Equal(first.Result.Sha256Hex, second.Sha256Hex);
    }

    private sealed class RecordingObserver : IRecordingObserver
    {
        public List<(RecordingParty, int)> Unknown { get; } = [];

        public List<string> Failures { get; } = [];

        public void UnknownPayloadType(RecordingSession session, RecordingParty party, int payloadType) => Unknown.Add((party, payloadType));

        public void Failed(RecordingSession session, string reason, Exception? exception) => Failures.Add(reason);
    }
}
