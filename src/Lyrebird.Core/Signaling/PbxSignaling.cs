using Lyrebird.Core.Calls;
using Lyrebird.Core.Media;
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
/// <see cref="Registrar"/>; an INVITE outside a dialog goes through proxy authentication and starts a call in the
/// <see cref="CallManager"/>; requests inside a dialog (a To tag), ACKs for 2xx, CANCELs and every response go to the
/// call they belong to (481 when none).
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
    private readonly UserDirectory _users;

    /// <summary>Signalling with calls relayed through a <see cref="SimpleUdpRelayAnchor"/> built from the options
    /// (media address resolved with no known SIP listen address: the first non-loopback IPv4). That anchor holds nothing
    /// between calls, so nobody has to dispose it; <see cref="SipServer"/> uses <see cref="CreateDefaultAnchor"/>.</summary>
    public PbxSignaling(PbxOptions options, UserDirectory users, Registrar registrar, TimeProvider time, ILogger<PbxSignaling> logger,
        SignalingMetrics? metrics = null)
        : this(options, users, registrar, time, logger, CreateDefaultAnchor(options with { MediaRelay = MediaRelayKind.Simple }, null, time, null), null, metrics)
    {
    }

    /// <param name="options">PBX settings.</param>
    /// <param name="users">Users (credentials, display names).</param>
    /// <param name="registrar">Where callees are looked up.</param>
    /// <param name="time">Timers (no-answer, 2xx retransmission, digest nonces).</param>
    /// <param name="logger">Signalling log.</param>
    /// <param name="mediaAnchor">The relay calls anchor their media in.</param>
    /// <param name="loggerFactory">For the call manager's log; null for none.</param>
    /// <param name="metrics">Signalling counters.</param>
    /// <param name="recording">The recording-request hook (<see cref="RecordingNotAvailable"/> when null).</param>
    public PbxSignaling(PbxOptions options, UserDirectory users, Registrar registrar, TimeProvider time, ILogger<PbxSignaling> logger,
        IMediaAnchor mediaAnchor, ILoggerFactory? loggerFactory, SignalingMetrics? metrics = null, ICallRecordingControl? recording = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics ?? new SignalingMetrics();
        _options = options;
        _registrar = registrar;
        _users = users;
        _logger = logger;
        Capabilities = new UasCapabilities(
            [SipMethods.Invite, SipMethods.Ack, SipMethods.Cancel, SipMethods.Bye, SipMethods.Options, SipMethods.Register, SipMethods.Info, SipMethods.Update],
            acceptedContentTypes: RelayedContentTypes, product: options.Product);
        _authenticator = new DigestAuthenticator(options.Realm, new NonceService(time, options.NonceLifetime), users,
            new AuthenticationFailureTracker(time, options.AuthFailureThreshold, options.AuthFailureWindow, options.AuthCoolDown),
            options.TryGetDigestAlgorithms(out var algorithms, out _) ? algorithms : null);
        Calls = new CallManager(options, mediaAnchor, time,
            (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<CallManager>(), recording);
    }

    /// <summary>Bodies Lyrebird accepts: SDP for its own offer/answer, and the usual INFO payloads (DTMF, snom/Polycom
    /// media control, plain text) that it relays between the legs of a call.</summary>
    public static IReadOnlyList<string> RelayedContentTypes { get; } =
        ["application/sdp", "application/dtmf-relay", "application/dtmf", "application/media_control+xml", "text/plain"];

    /// <summary>The calls in progress.</summary>
    public CallManager Calls { get; }

    /// <summary>Connects call handling to the transaction layer that was built with this TU (and to the sender for ACKs).</summary>
    public void Attach(TransactionLayer transactions, ISipMessageSender sender) => Calls.Attach(transactions, sender);

    /// <summary>
    /// The media anchor <paramref name="options"/> ask for (<see cref="PbxOptions.MediaRelay"/>) given the SIP listen
    /// address: a started <see cref="RelayMediaAnchor"/> (the default; its relay threads run until it is disposed), or
    /// a <see cref="SimpleUdpRelayAnchor"/> when so configured or where the fast relay cannot run (logged). The caller
    /// owns the result: dispose it when it is <see cref="IDisposable"/>.
    /// </summary>
    public static IMediaAnchor CreateDefaultAnchor(PbxOptions options, System.Net.IPAddress? sipListenAddress, TimeProvider time,
        ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factory = loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        var (bind, advertised) = MediaAddresses.Resolve(options.MediaAddress, sipListenAddress);
        var anchorOptions = new MediaAnchorOptions
        {
            BindAddress = bind,
            AdvertisedAddress = advertised,
            PortLow = options.RtpPortLow,
            PortHigh = options.RtpPortHigh,
            InactivityTimeout = options.MediaInactivityTimeout,
        };
        if (options.MediaRelay == MediaRelayKind.Fast)
        {
            if (RelayMediaAnchor.IsSupported)
            {
                return new RelayMediaAnchor(anchorOptions, time, factory);
            }

            MediaLog.FastRelayNotSupported(factory.CreateLogger<SimpleUdpRelayAnchor>(), System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString());
        }

        return new SimpleUdpRelayAnchor(anchorOptions, time, factory.CreateLogger<SimpleUdpRelayAnchor>());
    }

    /// <summary>What this server answers (Allow, Supported, Accept).</summary>
    public UasCapabilities Capabilities { get; }

    /// <summary>Run REGISTER and INVITE handling inline instead of on the thread pool (deterministic tests).</summary>
    public bool HandleInline { get; init; }

    public void OnRequest(ServerTransaction transaction, SipRequest request, SipFlow flow)
    {
        var answerType = request.MethodKind == SipMethodKind.Invite ? "application/sdp" : null;
        if (RequestValidator.Validate(request, Capabilities, answerType) is { } rejection)
        {
            if (rejection.StatusCode is SipStatusCodes.MethodNotAllowed or SipStatusCodes.NotImplemented)
            {
                OptionsResponder.AddCapabilityHeaders(rejection, Capabilities);
            }

            transaction.Respond(rejection);
            return;
        }

        if (request.ToTag is not null && request.MethodKind is not SipMethodKind.Register)
        {
            // §12.2.2: a request inside a dialog; none of ours → 481.
            if (!Calls.OnInDialogRequest(transaction, request, flow))
            {
                transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.CallOrTransactionDoesNotExist));
            }

            return;
        }

        switch (request.MethodKind)
        {
            case SipMethodKind.Options:
                transaction.Respond(OptionsResponder.CreateResponse(request, Capabilities));
                break;
            case SipMethodKind.Register:
                RunOffTransportThread(HandleRegister, transaction, request, flow);
                break;
            case SipMethodKind.Invite:
                RunOffTransportThread(HandleInvite, transaction, request, flow);
                break;
            default:
                // BYE, INFO, UPDATE outside a dialog (§12.2.2 / RFC 3311 §5.2).
                transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.CallOrTransactionDoesNotExist));
                break;
        }
    }

    private void RunOffTransportThread(Action<ServerTransaction, SipRequest, SipFlow> handler, ServerTransaction transaction, SipRequest request, SipFlow flow)
    {
        if (HandleInline)
        {
            handler(transaction, request, flow);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(state => state.handler(state.transaction, state.request, state.flow),
                (handler, transaction, request, flow), preferLocal: false);
        }
    }

    public void OnCancel(ServerTransaction cancel, ServerTransaction invite, SipRequest request, SipFlow flow)
    {
        if (Calls.OnCancel(cancel, invite, request))
        {
            return;
        }

        // No call (yet): answer the CANCEL; an INVITE still being authenticated ends with 487.
        cancel.Respond(SipResponseFactory.Create(request, SipStatusCodes.Ok));
        if (!invite.HasFinalResponse)
        {
            invite.Respond(SipResponseFactory.Create(invite.Request, SipStatusCodes.RequestTerminated));
        }
    }

    public void OnResponse(ClientTransaction transaction, SipResponse response) => Calls.OnResponse(transaction, response);

    public void OnTimeout(SipTransaction transaction, SipTimer timer)
    {
        SipServerLog.TransactionTimedOut(_logger, transaction.Request.Method, timer);
        Calls.OnTimeout(transaction, timer);
    }

    public void OnTransportError(SipTransaction transaction)
    {
        SipServerLog.TransportError(_logger, transaction.Request.Method, transaction.Flow);
        Calls.OnTransportError(transaction);
    }

    public void OnTerminated(SipTransaction transaction) => Calls.OnTerminated(transaction);

    public void OnStrayAck(SipRequest ack, SipFlow flow) => Calls.OnStrayAck(ack, flow);

    public void OnStrayResponse(SipResponse response, SipFlow flow) => Calls.OnStrayResponse(response, flow);
}
