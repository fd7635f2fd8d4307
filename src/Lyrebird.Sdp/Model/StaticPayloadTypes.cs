namespace Lyrebird.Sdp.Model;

/// <summary>The static RTP payload types of RFC 3551 §6 (Tables 4 and 5), used when an offer lists a PT without a=rtpmap.</summary>
public static class StaticPayloadTypes
{
    private static readonly RtpMap?[] Table = Build();

    /// <summary>The RFC 3551 mapping for <paramref name="payloadType"/>, or null for dynamic/unassigned numbers.</summary>
    public static RtpMap? Get(int payloadType) => payloadType is >= 0 and < 35 ? Table[payloadType] : null;

    private static RtpMap?[] Build()
    {
        var t = new RtpMap?[35];
        void Set(int pt, string name, int clock, int channels = 1) => t[pt] = new RtpMap(pt, name, clock, channels);
        Set(0, "PCMU", 8000);
        Set(3, "GSM", 8000);
        Set(4, "G723", 8000);
        Set(5, "DVI4", 8000);
        Set(6, "DVI4", 16000);
        Set(7, "LPC", 8000);
        Set(8, "PCMA", 8000);
        Set(9, "G722", 8000);
        Set(10, "L16", 44100, 2);
        Set(11, "L16", 44100);
        Set(12, "QCELP", 8000);
        Set(13, "CN", 8000);
        Set(14, "MPA", 90000);
        Set(15, "G728", 8000);
        Set(16, "DVI4", 11025);
        Set(17, "DVI4", 22050);
        Set(18, "G729", 8000);
        Set(25, "CelB", 90000);
        Set(26, "JPEG", 90000);
        Set(28, "nv", 90000);
        Set(31, "H261", 90000);
        Set(32, "MPV", 90000);
        Set(33, "MP2T", 90000);
        Set(34, "H263", 90000);
        return t;
    }
}
