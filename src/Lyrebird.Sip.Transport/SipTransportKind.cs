namespace Lyrebird.Sip.Transport;

/// <summary>The transports Lyrebird speaks (RFC 3261 §18).</summary>
public enum SipTransportKind : byte
{
    Udp = 0,
    Tcp = 1,
    Tls = 2,
}

public static class SipTransportKindExtensions
{
    /// <summary>Reliable transports need no retransmission timers (RFC 3261 §17).</summary>
    public static bool IsReliable(this SipTransportKind kind) => kind != SipTransportKind.Udp;

    /// <summary>The Via transport token ("UDP", "TCP", "TLS").</summary>
    public static string ToViaToken(this SipTransportKind kind) => kind switch
    {
        SipTransportKind.Udp => "UDP",
        SipTransportKind.Tcp => "TCP",
        _ => "TLS",
    };
}
