using System.Net;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Sip.Transport;

/// <summary>Log messages of the transport layer. EventIds 1000–1099 sockets and connections, 1100–1199 ingress.
/// Remote mistakes are Debug; only our own bugs are Error. Raw input bytes are never logged.</summary>
internal static partial class SipTransportLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "SIP transport listening on {Transport} {Endpoint}")]
    public static partial void Listening(ILogger logger, string transport, IPEndPoint endpoint);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "SIP transport stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "TCP connection #{ConnectionId} opened {Local} <-> {Remote} ({Direction})")]
    public static partial void ConnectionOpened(ILogger logger, long connectionId, IPEndPoint local, IPEndPoint remote, string direction);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Debug, Message = "TCP connection #{ConnectionId} to {Remote} closed")]
    public static partial void ConnectionClosed(ILogger logger, long connectionId, IPEndPoint remote);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Debug, Message = "TCP connection from {Remote} refused: {Count} connections open (limit)")]
    public static partial void ConnectionRefusedAtLimit(ILogger logger, IPEndPoint? remote, int count);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Debug, Message = "TCP connection #{ConnectionId} to {Remote} closed after {IdleTime} idle")]
    public static partial void ConnectionIdleClosed(ILogger logger, long connectionId, IPEndPoint remote, TimeSpan idleTime);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Debug, Message = "TCP connect to {Remote} failed: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, IPEndPoint remote, string reason, Exception? exception);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Trace, Message = "Answered CRLFCRLF keep-alive on TCP connection #{ConnectionId}")]
    public static partial void KeepAliveAnswered(ILogger logger, long connectionId);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Debug, Message = "Network error on {Transport} {Endpoint}")]
    public static partial void NetworkError(ILogger logger, string transport, EndPoint? endpoint, Exception exception);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Debug, Message = "Transport {Transport} not supported for sending on {Flow}")]
    public static partial void TransportNotSupported(ILogger logger, SipTransportKind transport, SipFlow flow);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Debug, Message = "Could not send to {Remote} over {Transport}")]
    public static partial void SendFailed(ILogger logger, string transport, IPEndPoint remote, Exception exception);

    [LoggerMessage(EventId = 1019, Level = LogLevel.Debug, Message = "No UDP socket of the address family of {Remote}")]
    public static partial void NoUdpSocket(ILogger logger, IPEndPoint remote);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Rejected inbound {Kind} from {Flow}: {Reason} {Header} ({Length} bytes)")]
    public static partial void RejectedInbound(ILogger logger, string kind, SipFlow flow, SipRejectReason reason, HeaderId header, int length);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Sent stateless {Status} {ReasonPhrase} to {Flow}")]
    public static partial void SentStatelessResponse(ILogger logger, int status, string reasonPhrase, SipFlow flow);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Closing TCP connection #{ConnectionId} after framing error {Reason} {Header}")]
    public static partial void FramingError(ILogger logger, long connectionId, SipRejectReason reason, HeaderId header);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "No route for response {Status} (top Via sent-by is not an address and has no received)")]
    public static partial void NoResponseRoute(ILogger logger, int status);

    [LoggerMessage(EventId = 1190, Level = LogLevel.Error, Message = "Internal error in the SIP transport ({Where}); this is a bug. The message was dropped and the transport keeps running")]
    public static partial void InternalError(ILogger logger, string where, Exception exception);

    [LoggerMessage(EventId = 1191, Level = LogLevel.Error, Message = "The SIP message handler threw for a message on {Flow}; this is a bug in the layer above the transport")]
    public static partial void HandlerFailed(ILogger logger, SipFlow flow, Exception exception);
}
