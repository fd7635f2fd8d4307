using System.Buffers.Binary;

namespace Lyrebird.Media.Recording;

/// <summary>The RTP fields the recorder needs (RFC 3550 §5.1), read without copying. The recorder's own small
/// reader keeps this folder independent of the relay's types.</summary>
internal readonly ref struct RtpPacketView
{
    private RtpPacketView(int payloadType, ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload)
    {
        PayloadType = payloadType;
        Sequence = sequence;
        Timestamp = timestamp;
        Ssrc = ssrc;
        Payload = payload;
    }

    public int PayloadType { get; }

    public ushort Sequence { get; }

    public uint Timestamp { get; }

    public uint Ssrc { get; }

    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>False for anything that is not a well-formed RTP version 2 packet (RTCP included: its "payload
    /// types" 72–76 with the marker bit are refused by the caller's map, and bad lengths here).</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpPacketView view)
    {
        view = default;
        if (packet.Length < 12 || (packet[0] >> 6) != 2)
        {
            return false;
        }

        int offset = 12 + ((packet[0] & 0x0F) * 4);
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < offset + 4)
            {
                return false;
            }

            offset += 4 + (BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]) * 4);
        }

        int end = packet.Length;
        if ((packet[0] & 0x20) != 0)
        {
            int padding = packet[^1];
            if (padding == 0)
            {
                return false;
            }

            end -= padding;
        }

        if (end < offset)
        {
            return false;
        }

        view = new RtpPacketView(
            packet[1] & 0x7F,
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            packet[offset..end]);
        return true;
    }
}
