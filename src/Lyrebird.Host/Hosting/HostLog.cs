using Lyrebird.Host.Configuration;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Host.Hosting;

/// <summary>Log messages of the host. EventIds 9000-9099 (see docs/architecture.md for the ranges of each layer).</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information,
        Message = "Lyrebird listening on SIP {Sip}, RTP ports {RtpPorts}, data {Data} (web interface {Http}: not served yet)")]
    public static partial void Listening(ILogger logger, string sip, Uri http, RtpPortRange rtpPorts, string data);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Lyrebird stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Lyrebird stopped")]
    public static partial void Stopped(ILogger logger);
}
