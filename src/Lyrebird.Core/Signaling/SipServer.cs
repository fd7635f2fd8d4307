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
    private readonly IDisposable? _ownedAnchor;
    private ITimer? _sweep;
    private int _stopped;

    /// <param name="transportOptions">Listen endpoints and transport limits.</param>
    /// <param name="options">PBX settings (including the RTP range and media address used by the default anchor).</param>
    /// <param name="users">Users.</param>
    /// <param name="registrar">Registrations.</param>
    /// <param name="time">Timers.</param>
    /// <param name="loggerFactory">Logs.</param>
    /// <param name="meterFactory">Metrics.</param>
    /// <param name="mediaAnchor">Where calls anchor their media (the caller keeps owning it); null for the anchor
    /// <see cref="PbxOptions.MediaRelay"/> asks for (<see cref="PbxSignaling.CreateDefaultAnchor"/>), bound to the SIP
    /// listen address (see <see cref="Media.MediaAddresses.Resolve"/>), which this server owns and disposes when it
    /// stops.</param>
    /// <param name="recording">The recording-request hook; null for the "not available" placeholder.</param>
    public SipServer(SipTransportOptions transportOptions, PbxOptions options, UserDirectory users, Registrar registrar,
        TimeProvider time, ILoggerFactory loggerFactory, System.Diagnostics.Metrics.IMeterFactory? meterFactory = null,
        Media.IMediaAnchor? mediaAnchor = null, Calls.ICallRecordingControl? recording = null)
    {
        ArgumentNullException.ThrowIfNull(transportOptions);
        _options = options;
        _registrar = registrar;
        _time = time;
        _logger = loggerFactory.CreateLogger<SipServer>();
        var listen = transportOptions.Endpoints.Select(e => System.Net.IPEndPoint.TryParse(e, out var ep) ? ep.Address : null).FirstOrDefault(a => a is not null);
        if (mediaAnchor is null)
        {
            mediaAnchor = PbxSignaling.CreateDefaultAnchor(options, listen, time, loggerFactory);
            _ownedAnchor = mediaAnchor as IDisposable;
        }

        MediaAnchor = mediaAnchor;
        Signaling = new PbxSignaling(options, users, registrar, time, loggerFactory.CreateLogger<PbxSignaling>(), MediaAnchor, loggerFactory,
            new SignalingMetrics(meterFactory), recording);
        _transport = new SipTransportLayer(transportOptions, loggerFactory.CreateLogger<SipTransportLayer>(), meterFactory);
        _transactions = new TransactionLayer(_transport, Signaling, time, loggerFactory.CreateLogger<TransactionLayer>());
        Signaling.Attach(_transactions, _transport);
    }

    /// <summary>The relay calls anchor their media in.</summary>
    public Media.IMediaAnchor MediaAnchor { get; }

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

        // Last: the relay threads stop and every call's remaining media ports are closed.
        _ownedAnchor?.Dispose();
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
