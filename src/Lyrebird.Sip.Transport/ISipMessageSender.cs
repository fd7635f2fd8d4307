using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transport;

/// <summary>What layers above the transport use to put a message on the wire.</summary>
public interface ISipMessageSender
{
    /// <summary>
    /// Sends a message on a flow. For UDP, sends from the flow's local socket to its remote address. For TCP, uses the
    /// flow's connection if it is still open, else any open connection to the remote address, else opens one.
    /// Returns false when the message could not be sent (no route, connection refused, closed); never throws for
    /// network conditions.
    /// </summary>
    ValueTask<bool> SendAsync(SipMessage message, SipFlow flow, CancellationToken cancellationToken = default);

    /// <summary>Sends a response to a request received on <paramref name="requestFlow"/>, routed per RFC 3261 §18.2.2
    /// and RFC 3581 (received/rport of the top Via).</summary>
    ValueTask<bool> SendResponseAsync(SipResponse response, SipFlow requestFlow, CancellationToken cancellationToken = default);
}
