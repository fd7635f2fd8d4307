namespace Lyrebird.Media.Rtp;

/// <summary>
/// The fixed fields of a validated RTP header (RFC 3550 §5.1), read by <see cref="RtpPacketReader"/>.
/// A value type of 24 bytes: reading it allocates nothing.
/// </summary>
public readonly struct RtpHeader
{
    internal RtpHeader(byte first, byte second, ushort sequenceNumber, uint timestamp, uint ssrc, int headerLength, int payloadLength)
    {
        _first = first;
        _second = second;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        HeaderLength = headerLength;
        PayloadLength = payloadLength;
    }

    private readonly byte _first;
    private readonly byte _second;

    /// <summary>Always 2 for a header that passed validation.</summary>
    public int Version => _first >> 6;

    public bool Padding => (_first & 0x20) != 0;

    public bool Extension => (_first & 0x10) != 0;

    public int CsrcCount => _first & 0x0F;

    public bool Marker => (_second & 0x80) != 0;

    public int PayloadType => _second & 0x7F;

    public ushort SequenceNumber { get; }

    public uint Timestamp { get; }

    public uint Ssrc { get; }

    /// <summary>Bytes before the payload: 12 + 4 × CC + the header extension, if any.</summary>
    public int HeaderLength { get; }

    /// <summary>Payload bytes, without the padding.</summary>
    public int PayloadLength { get; }
}
