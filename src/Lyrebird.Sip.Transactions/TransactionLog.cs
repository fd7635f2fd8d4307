using Lyrebird.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Sip.Transactions;

/// <summary>Log messages of the transaction layer (EventIds 2000–2099). What a remote peer does wrong or fails to do
/// (stray or malformed messages, merged requests, timeouts) is Debug; only our own bugs are Error.</summary>
internal static partial class TransactionLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Client transaction {Method} branch {Branch} started on {Flow}")]
    public static partial void ClientTransactionStarted(ILogger logger, string method, string branch, SipFlow flow);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Server transaction {Method} branch {Branch} created for {Flow}")]
    public static partial void ServerTransactionCreated(ILogger logger, string method, string? branch, SipFlow flow);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "{Role} transaction {Method} branch {Branch} terminated")]
    public static partial void TransactionTerminated(ILogger logger, string role, string method, string? branch);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Retransmitted {Method} branch {Branch} absorbed by its server transaction")]
    public static partial void RequestRetransmissionAbsorbed(ILogger logger, string method, string? branch);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Trace, Message = "Timer {Timer} fired for {Method} branch {Branch}")]
    public static partial void TimerFired(ILogger logger, SipTimer timer, string method, string? branch);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "{Method} transaction branch {Branch} timed out on Timer {Timer}")]
    public static partial void TransactionTimedOut(ILogger logger, string method, string? branch, SipTimer timer);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "Transport failed to send for {Method} transaction branch {Branch} on {Flow}")]
    public static partial void TransportErrorReported(ILogger logger, string method, string? branch, SipFlow flow);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "Dropped inbound {Kind} from {Flow}: {Reason}")]
    public static partial void DroppedInbound(ILogger logger, string kind, SipFlow flow, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "Dropped response {Status} to {Method} branch {Branch} from {Flow}: no client transaction")]
    public static partial void DroppedStrayResponse(ILogger logger, int status, string method, string? branch, SipFlow flow);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Debug, Message = "Merged request {Method} (Call-ID {CallId}, CSeq {CSeq}) from {Flow} rejected with 482 (RFC 3261 §8.2.2.2)")]
    public static partial void MergedRequestRejected(ILogger logger, string method, string? callId, uint cseq, SipFlow flow);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "CANCEL from {Flow} matches no INVITE transaction; answered 481 (RFC 3261 §9.2)")]
    public static partial void CancelWithoutTransaction(ILogger logger, SipFlow flow);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Error, Message = "Unhandled exception while processing an event of {Method} transaction branch {Branch}; this is a bug in Lyrebird or in the transaction user")]
    public static partial void EventProcessingFailed(ILogger logger, Exception exception, string method, string? branch);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Trace, Message = "ACK from {Flow} matches no transaction; passed to the TU (ACK for 2xx)")]
    public static partial void StrayAckPassed(ILogger logger, SipFlow flow);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Trace, Message = "2xx to INVITE from {Flow} matches no transaction; passed to the TU")]
    public static partial void StrayResponsePassed(ILogger logger, SipFlow flow);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Debug, Message = "ACK from {Flow} matched an RFC 2543 INVITE transaction on every field but the To tag; treated as stray")]
    public static partial void AckToTagMismatch(ILogger logger, SipFlow flow);
}
