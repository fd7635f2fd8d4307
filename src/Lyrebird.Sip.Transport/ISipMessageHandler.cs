using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transport;

/// <summary>Receives every well-formed inbound message from the transport layer (requests already carry
/// received/rport on their top Via, RFC 3261 §18.2.1 / RFC 3581). Called on transport I/O threads: implementations
/// must not block.</summary>
public interface ISipMessageHandler
{
    void OnMessage(SipMessage message, SipFlow flow);
}
