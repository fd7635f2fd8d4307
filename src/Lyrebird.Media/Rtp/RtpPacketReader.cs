using System.Buffers.Binary;

namespace Lyrebird.Media.Rtp;

/// <summary>
/// Validation of RTP and RTCP packets before they are relayed, and RFC 5761 demultiplexing of the two on one port.
/// Never throws on bad input and never allocates.
/// </summary>
public static class RtpPacketReader
{
    /// <summary>Size of the fixed RTP header.</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>
    /// Reads and validates an RTP header: version 2; the CSRC list, the header extension and the padding all fit in
    /// <paramref name="packet"/> and leave a non-negative payload; the payload type is not one of the RTCP values
    /// 72–76 that RFC 5761 §4 forbids for RTP.
    /// </summary>
    public static bool TryReadRtp(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (packet.Length < FixedHeaderLength)
        {
            return false;
        }

        byte first = packet[0];
        byte second = packet[1];
        if (first >> 6 != 2 || IsRtcpPayloadType(second))
        {
            return false;
        }

        int headerLength = FixedHeaderLength + ((first & 0x0F) * 4);
        if ((first & 0x10) != 0)
        {
            // Header extension: 16-bit profile, 16-bit length in 32-bit words, then the words.
            if (packet.Length < headerLength + 4)
            {
                return false;
            }

            headerLength += 4 + (BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(headerLength + 2)) * 4);
        }

        int end = packet.Length;
        if ((first & 0x20) != 0)
        {
            int padding = packet[^1];
            if (padding == 0)
            {
                return false;
            }

            end -= padding;
        }

        if (end < headerLength)
        {
            return false;
        }

        header = new RtpHeader(
            first,
            second,
            BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(2)),
            BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(4)),
            BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(8)),
            headerLength,
            end - headerLength);
        return true;
    }

    /// <summary>
    /// Validates the first packet of an RTCP compound packet: version 2, a packet type in 192–223 (RFC 5761 §4), and
    /// a length field that fits in <paramref name="packet"/>. SRTCP trailers after the compound packet are allowed.
    /// </summary>
    public static bool IsValidRtcp(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 8 || packet[0] >> 6 != 2)
        {
            return false;
        }

        byte packetType = packet[1];
        if (packetType < 192 || packetType > 223)
        {
            return false;
        }

        int length = (BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(2)) + 1) * 4;
        return length <= packet.Length;
    }

    /// <summary>
    /// RFC 5761 §4: on a multiplexed port, a packet whose second byte is 192–223 (RTP marker + payload type 64–95) is
    /// RTCP; this is the conservative test the RFC recommends for the RTCP types in use (SR 200 … APP 204, RTPFB 205,
    /// PSFB 206, XR 207): payload types 72–76 after masking the marker bit are never RTP.
    /// </summary>
    public static bool IsRtcpOnMuxedPort(ReadOnlySpan<byte> packet) =>
        packet.Length >= 2 && packet[1] >= 192 && packet[1] <= 223;

    /// <summary>True when the payload type (marker bit masked) is 72–76, which RFC 5761 reserves for RTCP.</summary>
    public static bool IsRtcpPayloadType(byte secondByte)
    {
        int payloadType = secondByte & 0x7F;
        return payloadType >= 72 && payloadType <= 76;
    }
}
