using Lyrebird.Core.Registration;
using Lyrebird.Core.Users;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Signaling;

/// <summary>
/// The PBX's SIP side, assembled: the transport layer feeds the transaction layer, whose transaction user is
/// <see cref="PbxSignaling"/>. Also sweeps expired registrations on a timer.
/// </summary>
public sealed class SipServer : IAsyncDisposable
{
    private readonly SipTransportLayer _transport;
    private readonly TransactionLayer _transactions;
    private readonly Registrar _registrar;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PbxOptions _options;
    private ITimer? _sweep;
    private int _stopped;

    public SipServer(SipTransportOptions transportOptions, PbxOptions options, UserDirectory users, Registrar registrar,
        TimeProvider time, ILoggerFactory loggerFactory, System.Diagnostics.Metrics.IMeterFactory? meterFactory = null)
    {
        _options = options;
        _registrar = registrar;
        _time = time;
        _logger = loggerFactory.CreateLogger<SipServer>();
        Signaling = new PbxSignaling(options, users, registrar, time, loggerFactory.CreateLogger<PbxSignaling>(), new SignalingMetrics(meterFactory));
        _transport = new SipTransportLayer(transportOptions, loggerFactory.CreateLogger<SipTransportLayer>(), meterFactory);
        _transactions = new TransactionLayer(_transport, Signaling, time, loggerFactory.CreateLogger<TransactionLayer>());
    }

    /// <summary>The transaction user: what the PBX does with each request.</summary>
    public PbxSignaling Signaling { get; }

    public Registrar Registrar => _registrar;

    public IReadOnlyList<System.Net.IPEndPoint> LocalEndpoints => _transport.LocalEndpoints;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _transport.StartAsync(_transactions, cancellationToken);
        _sweep = _time.CreateTimer(_ => SweepRegistrations(), null, _options.RegistrationSweepInterval, _options.RegistrationSweepInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        if (_sweep is not null)
        {
            await _sweep.DisposeAsync();
        }

        await _transport.StopAsync(cancellationToken);
        _transactions.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _transport.DisposeAsync();
    }

    private void SweepRegistrations()
    {
        try
        {
            var removed = _registrar.RemoveExpired();
            if (removed > 0)
            {
                SipServerLog.RegistrationsExpired(_logger, removed);
            }
        }
#pragma warning disable CA1031 // a timer callback must not throw; a storage failure is reported and retried next sweep
        catch (Exception e)
#pragma warning restore CA1031
        {
            SipServerLog.SweepFailed(_logger, e);
        }
    }
}
