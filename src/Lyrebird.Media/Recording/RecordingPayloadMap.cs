namespace Lyrebird.Media.Recording;

/// <summary>RTP payload type → <see cref="RecordingCodec"/>, one per stream, taken from the negotiated SDP.
/// Copied by <see cref="CallRecorder.Start"/>, so later changes do not affect a running session.</summary>
public sealed class RecordingPayloadMap
{
    private readonly RecordingCodec[] _codecs = new RecordingCodec[128];

    /// <summary>An empty map: every payload type is <see cref="RecordingCodec.Unknown"/>.</summary>
    public RecordingPayloadMap()
    {
    }

    /// <summary>The static RFC 3551 assignments Lyrebird records: 0 PCMU, 8 PCMA, 9 G722; 13 (CN) ignored.</summary>
    public static RecordingPayloadMap CreateStatic() =>
        new RecordingPayloadMap()
            .Map(0, RecordingCodec.Pcmu)
            .Map(8, RecordingCodec.Pcma)
            .Map(9, RecordingCodec.G722)
            .Map(13, RecordingCodec.Ignored);

    public RecordingCodec this[int payloadType] => _codecs[payloadType & 0x7F];

    /// <summary>Sets the codec of <paramref name="payloadType"/> (0–127); returns this map for chaining.</summary>
    public RecordingPayloadMap Map(int payloadType, RecordingCodec codec)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadType);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, 127);
        _codecs[payloadType] = codec;
        return this;
    }

    internal RecordingCodec[] ToArray() => (RecordingCodec[])_codecs.Clone();
}
