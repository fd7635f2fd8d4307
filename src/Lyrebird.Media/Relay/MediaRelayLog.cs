using Microsoft.Extensions.Logging;

namespace Lyrebird.Media.Relay;

/// <summary>Log messages of the media relay (EventIds 4000–4099). Remote mistakes are never logged per packet.</summary>
internal static partial class MediaRelayLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Media relay started: {Threads} threads, ports {PortMin}-{PortMax} on {Address}")]
    public static partial void Started(ILogger logger, int threads, int portMin, int portMax, System.Net.IPAddress address);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Media relay stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "No free media port pair: session refused ({Available} of {Capacity} pairs free)")]
    public static partial void PortsExhausted(ILogger logger, int available, int capacity);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Media port {Port} is in use by another program; trying another pair")]
    public static partial void PortInUse(ILogger logger, int port);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Could not open a media socket on port {Port}: errno {Errno}")]
    public static partial void SocketFailed(ILogger logger, int port, int errno);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Media tap of session {SessionId} threw; it is detached")]
    public static partial void TapFailed(ILogger logger, long sessionId, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Inactivity handler of session {SessionId} threw")]
    public static partial void HandlerFailed(ILogger logger, long sessionId, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "Relay thread {Thread}: {Operation} failed with errno {Errno}")]
    public static partial void SystemCallFailed(ILogger logger, int thread, string operation, int errno);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "Relay thread {Thread} caught an unexpected exception (a bug); it keeps running")]
    public static partial void LoopFailed(ILogger logger, int thread, Exception exception);
}
