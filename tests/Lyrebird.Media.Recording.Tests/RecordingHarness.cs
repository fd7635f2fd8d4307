namespace Lyrebird.Media.Recording.Tests;

/// <summary>One recording driven without writer threads: packets are tapped in arrival order and the writer is
/// pumped every few packets, as the real thread would every 50 ms.</summary>
internal sealed class RecordingHarness : IDisposable
{
    private readonly string _directory;

    public RecordingHarness(int channels = 2, int sampleRate = 8000, RecordingPayloadMap? callerPayloads = null,
        CallRecorderOptions? options = null, WavWriter? writer = null)
    {
        _directory = Directory.CreateTempSubdirectory("lyrebird-rec-").FullName;
        Path = System.IO.Path.Combine(_directory, "call.wav");
        Options = options ?? new CallRecorderOptions();
        Recorder = new CallRecorder(Options, Clock, startThreads: false);
        Start = Clock.Now;
        var start = new RecordingStartOptions
        {
            Path = Path,
            Channels = channels,
            SampleRate = sampleRate,
            CallerPayloads = callerPayloads ?? RecordingPayloadMap.CreateStatic(),
            StartTimestamp = Start,
        };
        Session = writer is null ? Recorder.Start(start) : Recorder.Start(start, writer);
    }

    public ManualClock Clock { get; } = new();

    public CallRecorderOptions Options { get; }

    public CallRecorder Recorder { get; }

    public RecordingSession Session { get; }

    public string Path { get; }

    public long Start { get; }

    public List<(double Ms, RecordingParty Party, byte[] Packet)> Events { get; } = [];

    public void Add(double arrivalMs, RecordingParty party, byte[] packet) => Events.Add((arrivalMs, party, packet));

    /// <summary>Adds <paramref name="count"/> packets of <paramref name="stream"/>, 20 ms apart from
    /// <paramref name="firstMs"/>; <paramref name="keep"/> can drop some (by index).</summary>
    public void AddRun(RtpStream stream, RecordingParty party, double firstMs, int count, Func<int, bool>? keep = null)
    {
        for (int i = 0; i < count; i++)
        {
            byte[] packet = stream.Next();
            if (keep is null || keep(i))
            {
                Add(firstMs + (i * 20), party, packet);
            }
        }
    }

    /// <summary>Taps every queued event in arrival order (stable for equal times), pumping every 10 packets.</summary>
    public void Feed()
    {
        int n = 0;
        foreach (var (ms, party, packet) in Events.OrderBy(e => e.Ms))
        {
            Session.Tap(packet, Start + ManualClock.Ms(ms), party);
            if (++n % 10 == 0)
            {
                Recorder.PumpOnce();
            }
        }

        Events.Clear();
        Recorder.PumpOnce();
    }

    public async Task<FinishedRecording> StopAsync(double stopMs)
    {
        Feed();
        Task<RecordingResult> stop = Session.StopAsync(Start + ManualClock.Ms(stopMs));
        Recorder.PumpOnce();
        RecordingResult result = await stop;
        short[] samples = result.Status == RecordingStatus.Completed ? WavFile.ReadSamples(Path, out _) : [];
        return new FinishedRecording(result, samples);
    }

    public void Dispose()
    {
        Recorder.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
