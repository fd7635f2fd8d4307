using System.Net;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Media;

/// <summary>Log messages of the media anchor (EventIds 3700–3749).</summary>
internal static partial class MediaLog
{
    [LoggerMessage(EventId = 3700, Level = LogLevel.Warning, Message = "Call {Call}: no free RTP port pair in the configured range")]
    public static partial void PortsExhausted(ILogger logger, string call);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Information, Message = "Call {Call}: no RTP or RTCP for {Timeout}")]
    public static partial void Inactive(ILogger logger, string call, TimeSpan timeout);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Debug, Message = "Call {Call}: media endpoint {Remote} is not of the relay's address family ({Bind}); nothing is sent to it")]
    public static partial void RemoteFamilyMismatch(ILogger logger, string call, IPEndPoint remote, IPAddress bind);

    [LoggerMessage(EventId = 3703, Level = LogLevel.Warning, Message = "The fast media relay needs Linux on x86-64 (this is {Os}, {Architecture}): calls use the simple relay (Pbx:MediaRelay = simple)")]
    public static partial void FastRelayNotSupported(ILogger logger, string os, string architecture);
}
