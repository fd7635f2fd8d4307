namespace Lyrebird.Media.Recording.Tests;

public sealed class CallRecorderThreadTests
{
    [Fact]
    public async Task The_shared_writer_thread_records_several_calls_at_once()
    {
        string directory = Directory.CreateTempSubdirectory("lyrebird-rec-").FullName;
        var clock = new ManualClock();
        try
        {
            using var recorder = new CallRecorder(new CallRecorderOptions { QueueBytesPerChannel = 256 * 1024 }, clock);
            long start = clock.Now;
            var sessions = Enumerable.Range(0, 4).Select(i => recorder.Start(new RecordingStartOptions
            {
                Path = Path.Combine(directory, $"call{i}.wav"),
                CallerPayloads = RecordingPayloadMap.CreateStatic(),
                StartTimestamp = start,
            })).ToArray();
            Assert.Equal(4, recorder.ActiveSessions);

            var callers = sessions.Select((_, i) => new RtpStream(RecordingCodec.Pcmu, 440, (uint)i)).ToArray();
            var callees = sessions.Select((_, i) => new RtpStream(RecordingCodec.Pcmu, 1000, (uint)(100 + i))).ToArray();
            for (int p = 0; p < 150; p++)
            {
                for (int s = 0; s < sessions.Length; s++)
                {
                    sessions[s].Tap(callers[s].Next(), start + ManualClock.Ms(p * 20), RecordingParty.Caller);
                    sessions[s].Tap(callees[s].Next(), start + ManualClock.Ms((p * 20) + 5), RecordingParty.Callee);
                }
            }

            RecordingResult[] results = await Task.WhenAll(sessions.Select(s => s.StopAsync(start + ManualClock.Ms(3000))));

            foreach (RecordingResult result in results)
            {
                Assert.Equal(RecordingStatus.Completed, result.Status);
                Assert.Equal(3 * 8000, result.Frames);
                short[] samples = WavFile.ReadSamples(result.Path, out _);
                Assert.Equal(440, Goertzel.Dominant(Audio.Channel(samples, 2, 0), 8000, 440, 1000));
                Assert.Equal(1000, Goertzel.Dominant(Audio.Channel(samples, 2, 1), 8000, 440, 1000));
            }

            Assert.Equal(0, recorder.ActiveSessions);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Disposing_the_recorder_ends_running_sessions_as_failed_with_a_valid_header()
    {
        string directory = Directory.CreateTempSubdirectory("lyrebird-rec-").FullName;
        try
        {
            var clock = new ManualClock();
            var recorder = new CallRecorder(new CallRecorderOptions(), clock);
            RecordingSession session = recorder.Start(new RecordingStartOptions
            {
                Path = Path.Combine(directory, "c.wav"),
                CallerPayloads = RecordingPayloadMap.CreateStatic(),
                StartTimestamp = clock.Now,
            });
            recorder.Dispose();
            Assert.Equal(RecordingStatus.Failed, session.Status);
            Assert.NotNull(WavFile.ReadInfo(session.Path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
