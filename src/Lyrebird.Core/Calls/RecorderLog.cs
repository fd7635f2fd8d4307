using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Calls;

/// <summary>Log messages of recorder calls (EventIds 3650–3669).</summary>
internal static partial class RecorderLog
{
    [LoggerMessage(EventId = 3650, Level = LogLevel.Information,
        Message = "Recorder call {Call}: {Caller} → {Target} answered ({Codec}); relay RTP port {Port}; {Link}")]
    public static partial void Answered(ILogger logger, string call, string caller, string target, string codec, int port, string link);

    [LoggerMessage(EventId = 3651, Level = LogLevel.Information, Message = "Recorder call {Call}: the phone hung up")]
    public static partial void HungUp(ILogger logger, string call);

    [LoggerMessage(EventId = 3652, Level = LogLevel.Information, Message = "Recorder call {Call}: ended by Lyrebird ({Cause} {Text})")]
    public static partial void Ended(ILogger logger, string call, int cause, string text);

    [LoggerMessage(EventId = 3653, Level = LogLevel.Debug, Message = "Recorder call {Call}: re-offer answered {Direction}")]
    public static partial void ReOffer(ILogger logger, string call, string direction);

    [LoggerMessage(EventId = 3654, Level = LogLevel.Information,
        Message = "Recorder call {Call}: finished; {Received} packets received, {Sent} sent to the phone")]
    public static partial void Finished(ILogger logger, string call, long received, long sent);
}
