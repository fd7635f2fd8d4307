using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Recording;

/// <summary>Log messages of recording (EventIds 6000–6099).</summary>
internal static partial class RecordingLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Recording {Id} started: call {CallId} segment {Segment}, {Mode}, owner {Owner}")]
    public static partial void Started(ILogger logger, string id, string callId, int segment, string mode, string owner);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Recording {Id} {State}: {Duration}, {Dropped} packets dropped")]
    public static partial void Stopped(ILogger logger, string id, string state, TimeSpan duration, long dropped);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Recording for call {CallId} could not start")]
    public static partial void StartFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Recording {Id} was interrupted by a restart; repaired, {Duration} kept")]
    public static partial void Repaired(ILogger logger, string id, TimeSpan duration);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Catalogue row of recording {Id} could not be updated; it is repaired at the next start-up")]
    public static partial void CatalogueUpdateFailed(ILogger logger, string id, Exception exception);
}
