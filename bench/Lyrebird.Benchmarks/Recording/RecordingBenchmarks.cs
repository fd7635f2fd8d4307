using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Lyrebird.Media.Recording;

namespace Lyrebird.Benchmarks.Recording;

/// <summary>Per-packet costs of the recording path: decode, the relay-side tap, and timeline placement. One packet is
/// 20 ms: 160 bytes of G.711 or G.722.</summary>
[MemoryDiagnoser]
public class RecordingBenchmarks
{
    private const int TapBatch = 100;

    private readonly byte[] _payload = new byte[160];
    private readonly short[] _pcm = new short[320];
    private readonly G722Decoder _g722 = new();
    private readonly byte[][] _packets = [new byte[172], new byte[172]];
    private readonly short[] _scratch = new short[8192];
    private string _directory = null!;
    private CallRecorder _recorder = null!;
    private RecordingSession _session = null!;
    private RecordingTimeline _timeline = null!;
    private long _tapTimestamp;
    private int _index;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        random.NextBytes(_payload);
        for (int i = 0; i < 2; i++)
        {
            _packets[i][0] = 0x80;
            _packets[i][1] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(_packets[i].AsSpan(8), (uint)(i + 1));
            _payload.CopyTo(_packets[i].AsSpan(12));
        }

        _directory = Directory.CreateTempSubdirectory("lyrebird-bench-").FullName;
        _recorder = new CallRecorder(new CallRecorderOptions(), TimeProvider.System, startThreads: false);
        _session = _recorder.Start(new RecordingStartOptions
        {
            Path = Path.Combine(_directory, "tap.wav"),
            CallerPayloads = RecordingPayloadMap.CreateStatic(),
            StartTimestamp = 0,
        });
        _timeline = new RecordingTimeline(8000, [RecordingPayloadMap.CreateStatic(), RecordingPayloadMap.CreateStatic()],
            TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _recorder.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "G.711 µ-law decode, 160 B packet")]
    public int DecodeG711() => G711.DecodeMuLaw(_payload, _pcm);

    [Benchmark(Description = "G.722 decode, 160 B packet → 320 samples")]
    public int DecodeG722() => _g722.Decode(_payload, _pcm);

    /// <summary>The relay thread's cost: copy one 172-byte packet into the session's queue (the queue is emptied
    /// after each batch, outside the per-packet figure's intent but inside the measurement: a cheap pointer walk).</summary>
    [Benchmark(Description = "Tap (enqueue) one packet", OperationsPerInvoke = TapBatch)]
    public void Tap()
    {
        for (int i = 0; i < TapBatch; i++)
        {
            _session.Tap(_packets[i & 1], _tapTimestamp++, (RecordingParty)(i & 1));
        }

        _session.DiscardQueued();
    }

    /// <summary>The writer's cost per packet: parse, duplicate check, anchor, decode, copy into the ring, and commit
    /// the settled frames (interleave into the write buffer); the two parties alternate.</summary>
    [Benchmark(Description = "Timeline: place one PCMU packet + commit")]
    public int PlaceAndCommit()
    {
        int n = _index++;
        int channel = n & 1;
        int packetNumber = n >> 1;
        byte[] packet = _packets[channel];
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packetNumber);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(packetNumber * 160));
        long arrival = (long)packetNumber * 160;
        _timeline.Place(channel, packet, arrival);
        return _timeline.Commit(arrival - _timeline.JitterFrames, _scratch);
    }
}
