using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transactions;

/// <summary>
/// What a transaction state machine asks of its owner. The machines never send, schedule or call the TU themselves:
/// they call these methods, and the owner (<see cref="TransactionLayer"/>, or a recorder in tests) carries them out.
/// </summary>
internal interface ITransactionEffects
{
    /// <summary>Put a message on the wire: the request (or ACK) on the transaction's flow, a response back to where the
    /// request came from.</summary>
    void Send(SipMessage message);

    /// <summary>(Re)start a timer; a timer of the same kind already running is replaced.</summary>
    void StartTimer(SipTimer timer, TimeSpan dueTime);

    void StopTimer(SipTimer timer);

    /// <summary>Client transactions: pass a response up to the TU.</summary>
    void PassResponseToTu(SipResponse response);

    /// <summary>Server INVITE in Accepted: an ACK that matched the transaction belongs to the 2xx, i.e. to the TU.</summary>
    void PassAckToTu(SipRequest ack);

    /// <summary>The transaction timed out (Timer B, F or H); it terminates next.</summary>
    void TimedOut(SipTimer timer);

    /// <summary>The transport reported a failure to send.</summary>
    void TransportFailed();

    /// <summary>The machine entered Terminated; it emits nothing after this.</summary>
    void Terminated();
}
