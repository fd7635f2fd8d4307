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
/// The PBX's transaction user: each new request is checked (RFC 3261 §8.2, <see cref="RequestValidator"/>) and
/// dispatched by method. OPTIONS is answered here; REGISTER goes through digest authentication to the
/// <see cref="Registrar"/>.
/// </summary>
/// <remarks>
/// Threads: callbacks arrive on transport and timer threads (see <see cref="TransactionLayer"/>). Work that touches
/// storage (REGISTER) is moved to the thread pool so that I/O threads never wait on the database.
/// </remarks>
public sealed partial class PbxSignaling : ITransactionUser
{
    private readonly Registrar _registrar;
    private readonly DigestAuthenticator _authenticator;
    private readonly PbxOptions _options;
    private readonly ILogger _logger;

    private readonly SignalingMetrics _metrics;

    public PbxSignaling(PbxOptions options, UserDirectory users, Registrar registrar, TimeProvider time, ILogger<PbxSignaling> logger,
        SignalingMetrics? metrics = null)
    {
        _metrics = metrics ?? new SignalingMetrics();
        _options = options;
        _registrar = registrar;
        _logger = logger;
        Capabilities = new UasCapabilities([SipMethods.Options, SipMethods.Register], product: options.Product);
        _authenticator = new DigestAuthenticator(options.Realm, new NonceService(time, options.NonceLifetime), users,
            new AuthenticationFailureTracker(time, options.AuthFailureThreshold, options.AuthFailureWindow, options.AuthCoolDown),
            options.TryGetDigestAlgorithms(out var algorithms, out _) ? algorithms : null);
    }

    /// <summary>What this server answers (Allow, Supported, Accept).</summary>
    public UasCapabilities Capabilities { get; }

    /// <summary>Run REGISTER handling inline instead of on the thread pool (deterministic tests).</summary>
    public bool HandleInline { get; init; }

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
                if (HandleInline)
                {
                    HandleRegister(transaction, request, flow);
                }
                else
                {
                    ThreadPool.UnsafeQueueUserWorkItem(state => HandleRegister(state.transaction, state.request, state.flow),
                        (transaction, request, flow), preferLocal: false);
                }
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
}
