using Lyrebird.Core.Recording;
using Lyrebird.Core.Signaling;
using Lyrebird.Host.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Host.Hosting;

/// <summary>Starts and stops the PBX inside the generic host: the SIP server (transport, transactions, signalling).
/// A bind failure throws from <see cref="StartAsync"/>; the <c>serve</c> command turns it into a one-line error and exit
/// code 1.</summary>
internal sealed class PbxHostedService(LyrebirdSettings settings, SipServer sip, RecordingService recordings, ILogger<PbxHostedService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Recordings a killed server left "recording" are repaired before anything new is recorded.
        await recordings.RepairInterruptedAsync(cancellationToken);
        await sip.StartAsync(cancellationToken);
        var endpoints = string.Join(", ", sip.LocalEndpoints.Select(e => $"udp+tcp {e}"));
        HostLog.Listening(logger, endpoints, settings.HttpUrl, settings.RtpPorts, settings.DataDirectory);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        HostLog.Stopping(logger);
        await sip.StopAsync(cancellationToken);
        HostLog.Stopped(logger);
    }
}
