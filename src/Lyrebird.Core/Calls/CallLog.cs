using Lyrebird.Core.Media;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Calls;

/// <summary>Log messages of calls (EventIds 3600–3699). What phones do wrong is Debug.</summary>
internal static partial class CallLog
{
    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "Call {Call}: {Caller} → {Callee} ({Contacts} contacts)")]
    public static partial void Started(ILogger logger, string call, string caller, string callee, int contacts);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information,
        Message = "Call {Call}: {Caller} → {Callee} connected ({Contact}); relay RTP port caller leg {CallerPort}, callee leg {CalleePort}")]
    public static partial void Connected(ILogger logger, string call, string caller, string callee, string contact, int callerPort, int calleePort);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Debug, Message = "Call {Call}: branch {Contact} failed with {Status}")]
    public static partial void BranchFailed(ILogger logger, string call, string contact, int status);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Information, Message = "Call {Call}: cancelled by the caller")]
    public static partial void Cancelled(ILogger logger, string call);

    [LoggerMessage(EventId = 3604, Level = LogLevel.Information, Message = "Call {Call}: no answer within {Timeout}")]
    public static partial void NoAnswer(ILogger logger, string call, TimeSpan timeout);

    [LoggerMessage(EventId = 3605, Level = LogLevel.Information, Message = "Call {Call}: {Party} hung up")]
    public static partial void HungUp(ILogger logger, string call, Calls.CallParty party);

    [LoggerMessage(EventId = 3606, Level = LogLevel.Information, Message = "Call {Call}: ended by Lyrebird ({Cause} {Text})")]
    public static partial void Ended(ILogger logger, string call, int cause, string text);

    [LoggerMessage(EventId = 3607, Level = LogLevel.Information,
        Message = "Call {Call} finished after {Duration}: RTP caller leg received {AReceived} forwarded {AForwarded}, callee leg received {BReceived} forwarded {BForwarded}, dropped from unexpected sources {Dropped}")]
    public static partial void Finished(ILogger logger, string call, TimeSpan duration, long aReceived, long aForwarded, long bReceived, long bForwarded, long dropped);

    [LoggerMessage(EventId = 3608, Level = LogLevel.Debug, Message = "Call {Call}: unusable SDP answer: {Problem}")]
    public static partial void BadAnswer(ILogger logger, string call, string problem);

    [LoggerMessage(EventId = 3609, Level = LogLevel.Debug, Message = "Call {Call}: {Method} offer from leg {Leg} relayed ({Media})")]
    public static partial void OfferRelayed(ILogger logger, string call, string method, MediaLeg leg, string media);

    [LoggerMessage(EventId = 3610, Level = LogLevel.Information, Message = "Call {Call}: recording request '{Value}' from the {Party} answered {Status}")]
    public static partial void RecordRequest(ILogger logger, string call, Calls.CallParty party, string value, int status);

    [LoggerMessage(EventId = 3611, Level = LogLevel.Debug, Message = "Call {Call}: no ACK for our 2xx on leg {Leg}")]
    public static partial void AckTimeout(ILogger logger, string call, MediaLeg leg);

    [LoggerMessage(EventId = 3612, Level = LogLevel.Error, Message = "Call {Call}: handling an event failed (this is a bug)")]
    public static partial void Bug(ILogger logger, string call, Exception exception);
}
