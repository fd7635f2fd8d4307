namespace Lyrebird.Host.Configuration;

/// <summary>An inclusive range of UDP ports for RTP (even ports) and RTCP (the next odd port), RFC 3550 §11.</summary>
public readonly record struct RtpPortRange(int Low, int High)
{
    public const int MinimumPort = 1024;
    public const int MaximumPort = 65535;

    public override string ToString() => $"{Low}-{High}";
}
