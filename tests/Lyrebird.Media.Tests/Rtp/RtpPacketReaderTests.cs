using Lyrebird.Media.Rtp;

namespace Lyrebird.Media.Tests.Rtp;

public sealed class RtpPacketReaderTests
{
    private static byte[] Packet(byte first = 0x80, byte second = 0x00, int length = 172)
    {
        var packet = new byte[Math.Max(length, 12)];
        packet[0] = first;
        packet[1] = second;
        packet[2] = 0x12;
        packet[3] = 0x34;
        packet[4] = 0x00;
        packet[5] = 0x00;
        packet[6] = 0x01;
        packet[7] = 0x40;
        packet[8] = 0xDE;
        packet[9] = 0xAD;
        packet[10] = 0xBE;
        packet[11] = 0xEF;
        return packet[..length];
    }

    [Fact]
    public void A_plain_g711_packet_is_read()
    {
        Assert.True(RtpPacketReader.TryReadRtp(Packet(second: 0x80 | 8), out RtpHeader header));

        Assert.Equal(2, header.Version);
        Assert.True(header.Marker);
        Assert.Equal(8, header.PayloadType);
        Assert.Equal(0x1234, header.SequenceNumber);
        Assert.Equal(320u, header.Timestamp);
        Assert.Equal(0xDEADBEEFu, header.Ssrc);
        Assert.Equal(12, header.HeaderLength);
        Assert.Equal(160, header.PayloadLength);
        Assert.False(header.Padding);
        Assert.False(header.Extension);
        Assert.Equal(0, header.CsrcCount);
    }

    [Fact]
    public void Csrcs_extension_and_padding_are_accounted_for()
    {
        byte[] packet = Packet(first: 0x80 | 0x20 | 0x10 | 2, length: 12 + 8 + 4 + 8 + 20 + 4);
        packet[20 + 2] = 0;
        packet[20 + 3] = 2;        // 2 extension words
        packet[^1] = 4;            // 4 padding bytes

        Assert.True(RtpPacketReader.TryReadRtp(packet, out RtpHeader header));

        Assert.Equal(2, header.CsrcCount);
        Assert.Equal(12 + 8 + 4 + 8, header.HeaderLength);
        Assert.Equal(20, header.PayloadLength);
    }

    [Theory]
    [InlineData(0x40, 0x00, 172)]        // version 1
    [InlineData(0x00, 0x00, 172)]        // version 0
    [InlineData(0x80, 0x00, 11)]         // shorter than the fixed header
    [InlineData(0x8F, 0x00, 40)]         // 15 CSRCs do not fit
    [InlineData(0x90, 0x00, 14)]         // extension header cut short
    [InlineData(0x80, 72, 172)]          // RTCP payload type (RFC 5761)
    [InlineData(0x80, 0x80 | 76, 172)]   // RTCP payload type with marker
    public void Malformed_headers_are_rejected(byte first, byte second, int length)
    {
        Assert.False(RtpPacketReader.TryReadRtp(Packet(first, second, length), out _));
    }

    [Fact]
    public void An_extension_longer_than_the_packet_is_rejected()
    {
        byte[] packet = Packet(first: 0x90, length: 24);
        packet[14] = 0;
        packet[15] = 10;
        Assert.False(RtpPacketReader.TryReadRtp(packet, out _));
    }

    [Theory]
    [InlineData(0)]     // zero padding count is invalid
    [InlineData(200)]   // more padding than payload and header
    public void Bad_padding_is_rejected(byte padding)
    {
        byte[] packet = Packet(first: 0xA0, length: 40);
        packet[^1] = padding;
        Assert.False(RtpPacketReader.TryReadRtp(packet, out _));
    }

    [Fact]
    public void Padding_up_to_the_header_is_accepted_with_an_empty_payload()
    {
        byte[] packet = Packet(first: 0xA0, length: 20);
        packet[^1] = 8;
        Assert.True(RtpPacketReader.TryReadRtp(packet, out RtpHeader header));
        Assert.Equal(0, header.PayloadLength);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 200, 0, 6, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, true)]
    [InlineData(new byte[] { 0x80, 201, 0, 1, 0, 0, 0, 1 }, true)]
    [InlineData(new byte[] { 0x80, 206, 0, 1, 0, 0, 0, 1 }, true)]
    [InlineData(new byte[] { 0x80, 201, 0, 2, 0, 0, 0, 1 }, false)]   // length beyond the packet
    [InlineData(new byte[] { 0x40, 201, 0, 1, 0, 0, 0, 1 }, false)]   // version 1
    [InlineData(new byte[] { 0x80, 0, 0, 1, 0, 0, 0, 1 }, false)]     // an RTP payload type
    [InlineData(new byte[] { 0x80, 201, 0, 0 }, false)]               // too short
    public void Rtcp_validation(byte[] packet, bool valid)
    {
        Assert.Equal(valid, RtpPacketReader.IsValidRtcp(packet));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(206, true)]
    [InlineData(0x80 | 8, false)]   // PCMA with marker
    [InlineData(0x80 | 111, false)] // Opus-ish with marker
    [InlineData(96, false)]
    public void Rtcp_is_told_from_rtp_on_a_muxed_port(byte second, bool rtcp)
    {
        Assert.Equal(rtcp, RtpPacketReader.IsRtcpOnMuxedPort([0x80, second, 0, 1]));
    }
}
