using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Recording;

/// <summary>Log messages of call recording control (EventIds 6100–6199).</summary>
internal static partial class CallRecordingLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Error, Message = "Call {CallId}: mandatory recording could not start: {Reason}")]
    public static partial void MandatoryStartFailed(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Error, Message = "Call {CallId}: recording {RecordingId} could not be finished")]
    public static partial void StopFailed(ILogger logger, string callId, string recordingId, Exception exception);
}
