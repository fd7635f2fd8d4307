using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Transport;

/// <summary>Configuration of <see cref="SipTransportLayer"/> (bound by the host from configuration).</summary>
public sealed class SipTransportOptions
{
    /// <summary>Default SIP port for UDP and TCP (RFC 3261 §19.1.2).</summary>
    public const int DefaultPort = 5060;

    /// <summary>
    /// Addresses to listen on, as <c>IPEndPoint</c> text: <c>127.0.0.1:5060</c>, <c>[::1]:5060</c>, <c>0.0.0.0:5060</c>,
    /// <c>[::]:5060</c>. Each endpoint gets a UDP socket and a TCP listener on the same port. Port 0 picks a free port
    /// (the same one for UDP and TCP; see <see cref="SipTransportLayer.LocalEndpoints"/>). Empty means
    /// <c>0.0.0.0:5060</c>. IPv6 sockets are IPv6-only, so <c>0.0.0.0:5060</c> and <c>[::]:5060</c> can coexist.
    /// </summary>
    public IList<string> Endpoints { get; set; } = [];

    public bool EnableUdp { get; set; } = true;

    public bool EnableTcp { get; set; } = true;

    /// <summary>Message size limits (RFC 3261 §18.1.1/§21.5.14); <see cref="SipLimits.MaxMessageBytes"/> also sizes the
    /// pooled UDP receive buffer.</summary>
    public SipLimits Limits { get; set; } = SipLimits.Default;

    /// <summary>
    /// A TCP connection with no bytes read or written for this long is closed. 10 minutes: several times the 120 s
    /// CRLF keep-alive interval RFC 5626 §4.4.1 recommends and longer than common 300–600 s re-REGISTER intervals of
    /// phones that keep their flow alive by re-registering. Phones that register for longer without keep-alives lose
    /// their flow; raise this for them.
    /// </summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most open TCP connections (accepted + outgoing); further accepts are closed at once and outgoing
    /// connects fail.</summary>
    public int MaxTcpConnections { get; set; } = 1024;

    /// <summary>Most outgoing TCP connects in progress at once; more fail immediately.</summary>
    public int MaxPendingConnects { get; set; } = 64;

    /// <summary>An outgoing TCP connect that takes longer fails (well under Timer B / F, 32 s).</summary>
    public TimeSpan TcpConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After a framing error the connection stops reading SIP, sends its 400/513, half-closes and discards
    /// input for at most this long before closing (so the peer reads the response instead of a reset).</summary>
    public TimeSpan TcpLingerAfterError { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>SO_RCVBUF for UDP sockets; 0 keeps the OS default.</summary>
    public int UdpSocketReceiveBufferBytes { get; set; }

    /// <summary>Error-level logs about our own bugs are limited to this many per minute (all are counted).</summary>
    public int MaxErrorLogsPerMinute { get; set; } = 10;
}
