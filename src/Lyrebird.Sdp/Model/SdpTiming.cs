namespace Lyrebird.Sdp.Model;

/// <summary>A t= line (RFC 4566 §5.9) with the r= lines that follow it (§5.10, kept as text).</summary>
public sealed record SdpTiming(ulong Start, ulong Stop, ValueList<string> Repeats)
{
    /// <summary><c>t=0 0</c>: an unbounded, permanent session, which is what every SIP call uses.</summary>
    public static SdpTiming Permanent { get; } = new(0, 0, ValueList<string>.Empty);
}
