using System.Buffers.Binary;

namespace Lyrebird.Media.Recording.Tests;

public sealed class WavFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lyrebird-wav-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_header_describes_the_data_after_each_checkpoint_and_at_completion()
    {
        string path = Path.Combine(_directory, "a.wav");
        using var writer = WavWriter.Create(path, 16000, 2, bufferSize: 4096);
        short[] frames = Enumerable.Range(0, 3000).Select(i => (short)i).ToArray();
        writer.Write(frames);
        writer.Checkpoint();

        WavInfo info = WavFile.ReadInfo(path)!;
        Assert.Equal((16000, 2, 16), (info.SampleRate, info.Channels, info.BitsPerSample));
        Assert.Equal(6000u, info.DeclaredDataBytes);
        Assert.True(info.SizesMatchFile);

        writer.WriteSilence(500);
        writer.Complete();
        short[] samples = WavFile.ReadSamples(path, out info);
        Assert.Equal(4000, samples.Length);
        Assert.Equal(frames, samples[..3000]);
        Assert.All(samples[3000..], s => Assert.Equal(0, s));
        Assert.True(info.SizesMatchFile);
        Assert.Equal(44 + 8000, new FileInfo(path).Length);
    }

    [Fact]
    public void Truncate_cuts_buffered_and_written_data()
    {
        string path = Path.Combine(_directory, "t.wav");
        using var writer = WavWriter.Create(path, 8000, 1, bufferSize: 1024);
        writer.Write(new short[3000]);
        writer.Truncate(2900);
        Assert.Equal(2900, writer.Frames);
        writer.Truncate(100);
        writer.Complete();
        Assert.Equal(100, WavFile.ReadInfo(path)!.Frames);
        Assert.Equal(244, new FileInfo(path).Length);
    }

    [Fact]
    public async Task A_recording_killed_mid_call_leaves_a_playable_file_missing_under_a_second_and_repair_makes_it_exact()
    {
        using var h = new RecordingHarness();
        var caller = new RtpStream(RecordingCodec.Pcmu, 440, ssrc: 1);
        var callee = new RtpStream(RecordingCodec.Pcmu, 1000, ssrc: 2);
        for (int i = 0; i < 300; i++)
        {
            h.Session.Tap(caller.Next(), h.Start + ManualClock.Ms(i * 20), RecordingParty.Caller);
            h.Session.Tap(callee.Next(), h.Start + ManualClock.Ms((i * 20) + 3), RecordingParty.Callee);
            if (i % 3 == 0)
            {
                h.Clock.Now = h.Start + ManualClock.Ms(i * 20);
                h.Recorder.PumpOnce();
            }
        }

        // "Crash" at 6 s: copy what is on disk now, as another process would find it, without stopping the writer.
        string copy = Path.Combine(Path.GetDirectoryName(h.Path)!, "crashed.wav");
        using (var source = new FileStream(h.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var target = File.Create(copy))
        {
            source.CopyTo(target);
            target.Write([1, 2, 3]); // a torn trailing frame
        }

        WavInfo info = WavFile.ReadInfo(copy)!;
        Assert.Equal((8000, 2), (info.SampleRate, info.Channels));
        double declared = info.DeclaredDataBytes / 4.0 / 8000;
        Assert.InRange(declared, 6.0 - 1.0, 6.0);
        short[] samples = WavFile.ReadSamples(copy, out _);
        Assert.Equal(440, Goertzel.Dominant(Audio.Channel(samples, 2, 0).AsSpan(0, 8000), 8000, 440, 1000));

        WavRepairResult repair = WavFile.Repair(copy);
        Assert.Equal(WavRepairOutcome.Repaired, repair.Outcome);
        Assert.Equal(3, repair.TruncatedBytes);
        Assert.True(repair.Info!.SizesMatchFile);
        Assert.Equal(new FileInfo(copy).Length - 44, repair.Info.DataBytes);
        Assert.Equal(0, repair.Info.DataBytes % 4);
        Assert.Equal(WavRepairOutcome.AlreadyValid, WavFile.Repair(copy).Outcome);

        RecordingResult result = (await h.StopAsync(6000)).Result;
        Assert.Equal(RecordingStatus.Completed, result.Status);
    }

    [Fact]
    public void Repair_restores_sizes_zeroed_by_a_crash_right_after_the_header()
    {
        string path = Path.Combine(_directory, "z.wav");
        using (var writer = WavWriter.Create(path, 8000, 2))
        {
            writer.Write(new short[8000]);
            writer.Checkpoint();
        }

        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 36);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), 0);
        File.WriteAllBytes(path, bytes);

        WavRepairResult repair = WavFile.Repair(path);
        Assert.Equal(WavRepairOutcome.Repaired, repair.Outcome);
        Assert.Equal(16000, repair.Info!.DataBytes);
        Assert.Equal(4000, repair.Info.Frames);
    }

    [Fact]
    public void Files_that_are_not_wav_are_reported_and_left_alone()
    {
        string path = Path.Combine(_directory, "x.wav");
        File.WriteAllText(path, "this is not a wave file at all, not even close");
        Assert.Null(WavFile.ReadInfo(path));
        Assert.Equal(WavRepairOutcome.NotWav, WavFile.Repair(path).Outcome);
        Assert.Equal("this is not a wave file at all, not even close", File.ReadAllText(path));
    }

    [Fact]
    public void A_writer_whose_stream_fails_throws_once_then_ignores_writes()
    {
        var stream = new FailingStream(failAfterBytes: 1000);
        var writer = new WavWriter(stream, 8000, 1, bufferSize: 512);
        Assert.Throws<IOException>(() => writer.Write(new short[2000]));
        Assert.True(writer.Faulted);
        writer.Write(new short[10]);
        writer.Checkpoint();
        writer.Dispose();
    }

    [Fact]
    public async Task Sha256_is_streamed_over_the_whole_file()
    {
        string path = Path.Combine(_directory, "h.wav");
        File.WriteAllBytes(path, Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray());
        byte[] hash = await WavFile.ComputeSha256Async(path);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)), hash);
    }
}
