using System.Net;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Signaling;

/// <summary>Log messages of the PBX's SIP side (EventIds 3500–3599). Remote mistakes are Debug.</summary>
internal static partial class SipServerLog
{
    [LoggerMessage(EventId = 3501, Level = LogLevel.Debug, Message = "{Method} transaction timed out on {Timer}")]
    public static partial void TransactionTimedOut(ILogger logger, string method, SipTimer timer);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Debug, Message = "{Method} could not be sent on {Flow}")]
    public static partial void TransportError(ILogger logger, string method, SipFlow flow);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Information, Message = "{Count} expired registrations removed")]
    public static partial void RegistrationsExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Error, Message = "Sweeping expired registrations failed; retrying at the next sweep")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3505, Level = LogLevel.Error, Message = "Handling {Method} failed (this is a bug or a storage failure)")]
    public static partial void RequestFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 3510, Level = LogLevel.Information, Message = "{Extension} registered from {Flow} ({Contacts} contacts)")]
    public static partial void Registered(ILogger logger, string extension, SipFlow flow, int contacts);

    [LoggerMessage(EventId = 3511, Level = LogLevel.Debug, Message = "Authentication as '{Username}' failed from {Flow}")]
    public static partial void AuthenticationFailed(ILogger logger, string username, SipFlow flow);

    [LoggerMessage(EventId = 3512, Level = LogLevel.Information, Message = "Too many failed authentications from {Address}: refusing it for {CoolDown}")]
    public static partial void AuthenticationCoolDownStarted(ILogger logger, IPAddress address, TimeSpan coolDown);

    [LoggerMessage(EventId = 3513, Level = LogLevel.Debug, Message = "{Username} tried to register {Target} from {Flow}")]
    public static partial void RegisterForOtherUser(ILogger logger, string username, string? target, SipFlow flow);
}
