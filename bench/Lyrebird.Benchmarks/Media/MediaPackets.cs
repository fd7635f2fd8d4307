namespace Lyrebird.Benchmarks.Media;

/// <summary>Packets for the media benchmarks.</summary>
internal static class MediaPackets
{
    public static byte[] Rtp(int length)
    {
        var packet = new byte[length];
        packet[0] = 0x80;
        packet[2] = 0x12;
        packet[3] = 0x34;
        packet[8] = 0xCA;
        packet[11] = 0xFE;
        return packet;
    }

    public static byte[] RtpWithCsrcAndExtension()
    {
        byte[] packet = Rtp(12 + 8 + 4 + 8 + 160);
        packet[0] = 0x80 | 0x10 | 2;
        packet[23] = 2;
        return packet;
    }
}
