using Lyrebird.Host.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Host.Hosting;

/// <summary>Starts and stops the PBX (SIP stack, later media, recording and web) inside the generic host.</summary>
internal sealed class PbxHostedService(LyrebirdSettings settings, ILogger<PbxHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // ============================================================================================
        // SIP STACK START. Wire here: the transport layer (UDP + TCP listeners on settings.SipEndPoint),
        // the transaction layer on top of it, and the OPTIONS responder. A bind failure should throw:
        // the `serve` command turns it into a one-line error and exit code 1.
        // ============================================================================================

        HostLog.Listening(logger, settings.SipDescription, settings.HttpUrl, settings.RtpPorts, settings.DataDirectory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        HostLog.Stopping(logger);

        // ============================================================================================
        // SIP STACK STOP. Close listeners and let transactions finish (bounded by cancellationToken,
        // HostOptions.ShutdownTimeout).
        // ============================================================================================

        HostLog.Stopped(logger);
        return Task.CompletedTask;
    }
}
