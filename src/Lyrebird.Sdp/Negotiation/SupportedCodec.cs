using Lyrebird.Sdp.Model;

namespace Lyrebird.Sdp.Negotiation;

/// <summary>
/// A codec Lyrebird accepts, matched by encoding name (case-insensitive), RTP clock rate and channels against an
/// offer's a=rtpmap, or against the RFC 3551 static mapping when a static payload type has no a=rtpmap.
/// </summary>
public sealed record SupportedCodec(string EncodingName, int ClockRate, int Channels = 1)
{
    /// <summary>G.711 µ-law, static PT 0.</summary>
    public static SupportedCodec Pcmu { get; } = new("PCMU", 8000);

    /// <summary>G.711 A-law, static PT 8.</summary>
    public static SupportedCodec Pcma { get; } = new("PCMA", 8000);

    /// <summary>G.722, static PT 9. Its RTP clock is 8000 although it samples at 16 kHz (RFC 3551 §4.5.2).</summary>
    public static SupportedCodec G722 { get; } = new("G722", 8000);

    /// <summary>The codecs Lyrebird can record: PCMU, PCMA, G722.</summary>
    public static IReadOnlyList<SupportedCodec> Recordable { get; } = [Pcmu, Pcma, G722];

    /// <summary>The name of RFC 4733's DTMF events, always accepted alongside a recordable codec of the same clock rate.</summary>
    public const string TelephoneEvent = "telephone-event";

    public bool Matches(RtpMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.EncodingName.Equals(EncodingName, StringComparison.OrdinalIgnoreCase) && map.ClockRate == ClockRate && map.Channels == Channels;
    }

    public static bool IsTelephoneEvent(RtpMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.EncodingName.Equals(TelephoneEvent, StringComparison.OrdinalIgnoreCase);
    }
}
