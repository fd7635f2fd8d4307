namespace Lyrebird.Sdp.Negotiation;

/// <summary>One entry of a stream's payload map: RTP payload type → codec (name, clock rate, channels, fmtp parameters).</summary>
public sealed record PayloadFormat(int PayloadType, string EncodingName, int ClockRate, int Channels, string? Parameters)
{
    public bool IsTelephoneEvent => EncodingName.Equals(SupportedCodec.TelephoneEvent, StringComparison.OrdinalIgnoreCase);
}
