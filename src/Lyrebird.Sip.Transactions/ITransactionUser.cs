using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport;

namespace Lyrebird.Sip.Transactions;

/// <summary>
/// The transaction user (TU, RFC 3261 §17): the UA core or dialog layer above the transaction layer. The
/// <see cref="TransactionLayer"/> calls these methods; calls concerning one transaction are never concurrent and
/// arrive in order, but calls for different transactions (and the stray-message calls, which belong to no
/// transaction) may come concurrently from different threads. Implementations must not block.
/// </summary>
public interface ITransactionUser
{
    /// <summary>A new request (not ACK, not CANCEL) created a server transaction. Answer with
    /// <see cref="ServerTransaction.Respond"/>, now or later.</summary>
    void OnRequest(ServerTransaction transaction, SipRequest request, SipFlow flow);

    /// <summary>A CANCEL matched the INVITE server transaction <paramref name="invite"/> (RFC 3261 §9.2). The TU answers
    /// the CANCEL on <paramref name="cancel"/> (200) and, if the INVITE has no final response yet, the INVITE with 487.
    /// A CANCEL matching no transaction is answered 481 by the layer and not reported.</summary>
    void OnCancel(ServerTransaction cancel, ServerTransaction invite, SipRequest request, SipFlow flow);

    /// <summary>A response matched a client transaction and the machine passed it up (§17.1.1.2, §17.1.2.2; further 2xx in
    /// Accepted, RFC 6026).</summary>
    void OnResponse(ClientTransaction transaction, SipResponse response);

    /// <summary>Timer B or F (client: no final response) or Timer H (server: no ACK) fired.</summary>
    void OnTimeout(SipTransaction transaction, SipTimer timer);

    /// <summary>The transport could not send a message of this transaction.</summary>
    void OnTransportError(SipTransaction transaction);

    /// <summary>The transaction reached Terminated and left the layer's tables.</summary>
    void OnTerminated(SipTransaction transaction);

    /// <summary>An ACK that matches no transaction: the ACK for a 2xx, which belongs to a dialog (§17.2.3, RFC 6026), or an
    /// ACK matching an INVITE server transaction in Accepted.</summary>
    void OnStrayAck(SipRequest ack, SipFlow flow);

    /// <summary>A 2xx to INVITE that matches no client transaction: a retransmission after Timer M, or a forked 2xx
    /// (§17.1.1.2, §13.2.2.4); it belongs to a dialog. Other unmatched responses are dropped.</summary>
    void OnStrayResponse(SipResponse response, SipFlow flow);
}
