using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Parsing;

namespace Lyrebird.Sdp.Tests;

internal static class Sdps
{
    public static SessionDescription Parse(string text)
    {
        var result = SdpParser.Parse(text);
        Assert.True(result.IsOk, result.Error?.Message);
        return result.Value;
    }

    /// <summary>A one-stream audio SDP; <paramref name="mediaLines"/> go after the m= line.</summary>
    public static SessionDescription Audio(string formats, string mediaLines = "", string address = "192.168.1.50", int port = 4000) =>
        Parse($"v=0\no=- 1 1 IN IP4 {address}\ns=-\nc=IN IP4 {address}\nt=0 0\nm=audio {port} RTP/AVP {formats}\n{mediaLines}");
}
