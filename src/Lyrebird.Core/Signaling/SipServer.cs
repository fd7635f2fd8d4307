using Lyrebird.Core.Registration;
using Lyrebird.Core.Users;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Lyrebird.Sip.UserAgent;
using Lyrebird.Sip.UserAgent.Authentication;
using Lyrebird.Sip.UserAgent.Validation;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Signaling;

/// <summary>
/// The PBX's SIP side: owns the transport and transaction layers and is their transaction user. Each new request is
/// checked (RFC 3261 §8.2, <see cref="RequestValidator"/>) and dispatched by method: OPTIONS is answered here,
/// REGISTER goes through digest authentication to the <see cref="Registrar"/>.
/// </summary>
/// <remarks>
/// Threads: TU callbacks arrive on transport and timer threads (see <see cref="TransactionLayer"/>). Work that touches
/// storage (REGISTER) is moved to the thread pool so that I/O threads never wait on the database.
/// </remarks>
public sealed partial class SipServer : ITransactionUser, IAsyncDisposable
{
    private readonly SipTransportLayer _transport;
    private readonly TransactionLayer _transactions;
    private readonly Registrar _registrar;
    private readonly DigestAuthenticator _authenticator;
    private readonly UserDirectory _users;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PbxOptions _options;
    private ITimer? _sweep;

    public SipServer(SipTransportOptions transportOptions, PbxOptions options, UserDirectory users, Registrar registrar,
        TimeProvider time, ILoggerFactory loggerFactory, System.Diagnostics.Metrics.IMeterFactory? meterFactory = null)
    {
        _options = options;
        _users = users;
        _registrar = registrar;
        _time = time;
        _logger = loggerFactory.CreateLogger<SipServer>();
        Capabilities = new UasCapabilities([SipMethods.Options, SipMethods.Register], product: options.Product);
        _authenticator = new DigestAuthenticator(options.Realm, new NonceService(time, options.NonceLifetime), users,
            new AuthenticationFailureTracker(time, options.AuthFailureThreshold, options.AuthFailureWindow, options.AuthCoolDown));
        _transport = new SipTransportLayer(transportOptions, loggerFactory.CreateLogger<SipTransportLayer>(), meterFactory);
        _transactions = new TransactionLayer(_transport, this, time, loggerFactory.CreateLogger<TransactionLayer>());
    }

    /// <summary>What this server answers (Allow, Supported, Accept).</summary>
    public UasCapabilities Capabilities { get; }

    public Registrar Registrar => _registrar;

    public IReadOnlyList<System.Net.IPEndPoint> LocalEndpoints => _transport.LocalEndpoints;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _transport.StartAsync(_transactions, cancellationToken);
        _sweep = _time.CreateTimer(_ => SweepRegistrations(), null, _options.RegistrationSweepInterval, _options.RegistrationSweepInterval);
        var endpoints = string.Join(", ", _transport.LocalEndpoints);
        SipServerLog.Started(_logger, endpoints);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
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

    public void OnRequest(ServerTransaction transaction, SipRequest request, SipFlow flow)
    {
        if (RequestValidator.Validate(request, Capabilities) is { } rejection)
        {
            if (rejection.StatusCode is SipStatusCodes.MethodNotAllowed or SipStatusCodes.NotImplemented)
            {
                OptionsResponder.AddCapabilityHeaders(rejection, Capabilities);
            }

            transaction.Respond(rejection);
            return;
        }

        switch (request.MethodKind)
        {
            case SipMethodKind.Options:
                transaction.Respond(OptionsResponder.CreateResponse(request, Capabilities));
                break;
            case SipMethodKind.Register:
                ThreadPool.UnsafeQueueUserWorkItem(state => HandleRegister(state.transaction, state.request, state.flow),
                    (transaction, request, flow), preferLocal: false);
                break;
        }
    }

    public void OnCancel(ServerTransaction cancel, ServerTransaction invite, SipRequest request, SipFlow flow)
    {
        // No INVITE is handled yet (issue 4): answer the CANCEL; the INVITE transaction, if any, already has its final response.
        cancel.Respond(SipResponseFactory.Create(request, SipStatusCodes.Ok));
        if (!invite.HasFinalResponse)
        {
            invite.Respond(SipResponseFactory.Create(invite.Request, SipStatusCodes.RequestTerminated));
        }
    }

    public void OnResponse(ClientTransaction transaction, SipResponse response)
    {
    }

    public void OnTimeout(SipTransaction transaction, SipTimer timer) => SipServerLog.TransactionTimedOut(_logger, transaction.Request.Method, timer);

    public void OnTransportError(SipTransaction transaction) => SipServerLog.TransportError(_logger, transaction.Request.Method, transaction.Flow);

    public void OnTerminated(SipTransaction transaction)
    {
    }

    public void OnStrayAck(SipRequest ack, SipFlow flow)
    {
    }

    public void OnStrayResponse(SipResponse response, SipFlow flow)
    {
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
