using Lyrebird.Media.Recording;
using System.Buffers.Binary;

namespace Lyrebird.Testing;

/// <summary>Generates the RTP packets of one party: a continuous tone, 20 ms per packet, in PCMU, PCMA or G.722.</summary>
public sealed class RtpStream
{
    private readonly double _frequency;
    private readonly byte[]? _g722;
    private long _audioSample;
    private int _g722Offset;

    public RtpStream(RecordingCodec codec, double frequency, uint ssrc, ushort sequence = 1000, uint timestamp = 50_000)
    {
        Codec = codec;
        _frequency = frequency;
        Ssrc = ssrc;
        Sequence = sequence;
        Timestamp = timestamp;
        PayloadType = codec switch { RecordingCodec.Pcmu => 0, RecordingCodec.Pcma => 8, _ => 9 };
        if (codec == RecordingCodec.G722)
        {
            _g722 = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", $"tone{(int)frequency}.g722"));
        }
    }

    public RecordingCodec Codec { get; }

    public int PayloadType { get; set; }

    public uint Ssrc { get; set; }

    public ushort Sequence { get; set; }

    public uint Timestamp { get; set; }

    /// <summary>The next 20 ms packet; advances sequence, timestamp and the tone.</summary>
    public byte[] Next()
    {
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        packet[1] = (byte)PayloadType;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), Ssrc);
        Span<byte> payload = packet.AsSpan(12);
        switch (Codec)
        {
            case RecordingCodec.G722:
                _g722.AsSpan(_g722Offset, 160).CopyTo(payload);
                _g722Offset = (_g722Offset + 160) % _g722!.Length;
                break;
            default:
                for (int i = 0; i < 160; i++)
                {
                    short sample = Audio.ToneSample(_frequency, _audioSample + i, 8000);
                    payload[i] = Codec == RecordingCodec.Pcmu ? Audio.MuLaw(sample) : Audio.ALaw(sample);
                }

                break;
        }

        _audioSample += 160;
        Sequence++;
        Timestamp += 160;
        return packet;
    }

    /// <summary>Skips <paramref name="packets"/> packets' worth of audio, timestamps and sequence numbers.</summary>
    public void Skip(int packets, bool advanceTimestamp = true, bool advanceSequence = true)
    {
        for (int i = 0; i < packets; i++)
        {
            _audioSample += 160;
            if (_g722 is not null)
            {
                _g722Offset = (_g722Offset + 160) % _g722.Length;
            }

            if (advanceSequence)
            {
                Sequence++;
            }

            if (advanceTimestamp)
            {
                Timestamp += 160;
            }
        }
    }
}
