namespace Lyrebird.Sdp.Model;

/// <summary>Attribute names this library interprets.</summary>
public static class SdpAttributeNames
{
    public const string RtpMap = "rtpmap";
    public const string Fmtp = "fmtp";
    public const string Ptime = "ptime";
    public const string MaxPtime = "maxptime";
    public const string SendRecv = "sendrecv";
    public const string SendOnly = "sendonly";
    public const string RecvOnly = "recvonly";
    public const string Inactive = "inactive";
    public const string Rtcp = "rtcp";
    public const string RtcpMux = "rtcp-mux";
    public const string RtcpFeedback = "rtcp-fb";
    public const string Crypto = "crypto";

    /// <summary>ICE attributes (RFC 8839). A media relay that does not do ICE must not forward them.</summary>
    public static readonly IReadOnlySet<string> Ice = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "candidate", "remote-candidates", "ice-ufrag", "ice-pwd", "ice-options", "ice-lite", "ice-mismatch",
        "end-of-candidates", "ice-pacing",
    };

    public static string ToAttributeName(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => SendOnly,
        MediaDirection.RecvOnly => RecvOnly,
        MediaDirection.Inactive => Inactive,
        _ => SendRecv,
    };

    public static MediaDirection? ToDirection(string attributeName) => attributeName switch
    {
        SendRecv => MediaDirection.SendRecv,
        SendOnly => MediaDirection.SendOnly,
        RecvOnly => MediaDirection.RecvOnly,
        Inactive => MediaDirection.Inactive,
        _ => null,
    };
}
