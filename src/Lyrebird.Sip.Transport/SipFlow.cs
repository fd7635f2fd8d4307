using System.Net;

namespace Lyrebird.Sip.Transport;

/// <summary>
/// Where a message came from or goes to: transport, our local socket address, the remote address, and for stream
/// transports the connection it travels on (RFC 5626 "flow"). Immutable; cheap to copy.
/// </summary>
/// <param name="Transport">UDP, TCP or TLS.</param>
/// <param name="Local">Our listening (UDP) or connection-local (TCP) address.</param>
/// <param name="Remote">The peer's source address as seen on the wire (ReceivedFrom).</param>
/// <param name="ConnectionId">Stream connection id; 0 for UDP or "any connection to Remote".</param>
public readonly record struct SipFlow(SipTransportKind Transport, IPEndPoint Local, IPEndPoint Remote, long ConnectionId = 0)
{
    public bool IsReliable => Transport.IsReliable();

    public override string ToString() => $"{Transport.ToViaToken()} {Local}<->{Remote}" + (ConnectionId != 0 ? $"#{ConnectionId}" : "");
}
