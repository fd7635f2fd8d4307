using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Lyrebird.Core.Media;
using Lyrebird.Core.Registration;
using Lyrebird.Core.Users;
using Lyrebird.Sdp.Model;
using Lyrebird.Sdp.Negotiation;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transactions;
using Lyrebird.Sip.Transport;
using Lyrebird.Sip.UserAgent.Dialogs;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Calls;

/// <summary>
/// Owns every <see cref="Call"/> of the PBX and routes the transaction user's callbacks to them: requests and ACKs by
/// dialog (<see cref="Dialogs"/>, keyed by Call-ID and tags), responses, timeouts and transport errors by the client or
/// server transaction the call registered.
/// </summary>
/// <remarks>
/// <para><b>Concurrency: one serialised mailbox per call.</b> TU callbacks arrive concurrently on transport and timer
/// threads (see <see cref="TransactionLayer"/>); the manager only looks the call up in thread-safe tables and posts
/// the event to the call's <c>CallMailbox</c>. A call's state is touched only from inside its mailbox, one event at a
/// time, so <see cref="Call"/> has no locks; actions that call back into the transaction layer (Respond, SendRequest)
/// only queue work there, and a callback that comes back for the same call is queued behind the running action,
/// never re-entered. A mailbox rather than a lock per call: no thread ever waits for another, and the order of a
/// call's events is the order they were posted.</para>
/// <para>Tables: <see cref="Dialogs"/> (Call-ID, local tag, remote tag → call and leg), calls by id, and transactions
/// → call. A call removes its dialogs and itself when it reaches <see cref="CallState.Terminated"/>; a transaction
/// entry leaves when the transaction layer reports the transaction terminated.</para>
/// </remarks>
public sealed class CallManager
{
    /// <summary>The Allow header value of calls' INVITEs and 2xx.</summary>
    public const string AllowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE";

    private readonly ConcurrentDictionary<string, Call> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SipTransaction, Call> _transactions = new();
    private readonly ConcurrentDictionary<string, RecorderCall> _recorderCalls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SipTransaction, RecorderCall> _recorderTransactions = new();
    private readonly string _branchPrefix = SipVia.MagicCookie + "lb" + SipIds.NewTag()[..6];
    private TransactionLayer? _layer;
    private ISipMessageSender? _sender;

    public CallManager(PbxOptions options, IMediaAnchor media, TimeProvider time, ILogger<CallManager> logger, ICallRecordingControl? recording = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Media = media;
        Time = time;
        Logger = logger;
        Recording = recording ?? RecordingNotAvailable.Instance;
        RecorderRecording = recording as IRecorderCallRecording;
        Codecs = ParseCodecs(options.Codecs);
    }

    public PbxOptions Options { get; }

    public IMediaAnchor Media { get; }

    public ICallRecordingControl Recording { get; }

    /// <summary>Records recorder-URI calls; null when no recorder is configured (recorder calls get 503).</summary>
    public IRecorderCallRecording? RecorderRecording { get; }

    /// <summary>Dialogs of recorder calls (kept apart from <see cref="Dialogs"/>, whose entries are B2BUA legs).</summary>
    public DialogTable<RecorderCall> RecorderDialogs { get; } = new();

    /// <summary>Recorder calls not yet terminated.</summary>
    public IReadOnlyCollection<RecorderCall> RecorderCalls => [.. _recorderCalls.Values];

    /// <summary>The codecs offers are filtered to (<see cref="PbxOptions.Codecs"/>).</summary>
    public IReadOnlyList<SupportedCodec> Codecs { get; }

    /// <summary>Dialogs of all calls, both legs.</summary>
    public DialogTable<CallLegRef> Dialogs { get; } = new();

    /// <summary>Calls not yet terminated.</summary>
    public int CallCount => _calls.Count;

    /// <summary>Transactions of calls that the transaction layer has not yet reported terminated.</summary>
    public int TrackedTransactionCount => _transactions.Count;

    public IReadOnlyCollection<Call> Calls => [.. _calls.Values];

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal TransactionLayer Layer => _layer ?? throw new InvalidOperationException("CallManager.Attach was not called.");

    internal ISipMessageSender Sender => _sender ?? throw new InvalidOperationException("CallManager.Attach was not called.");

    /// <summary>Connects the manager to the transaction layer it sends through (the layer is created after its TU).</summary>
    public void Attach(TransactionLayer layer, ISipMessageSender sender)
    {
        _layer = layer;
        _sender = sender;
    }

    /// <summary>True when a Via of the request carries a branch this process generated: the request looped back to us
    /// (RFC 3261 §16.3 step 4 / §8.2.2.2 in spirit: 482).</summary>
    public bool IsLoop(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var header in request.Headers.GetAll(HeaderId.Via))
        {
            if (SipVia.TryParse(header.RawValue.Span, out var via) && via.Branch is { } branch
                && branch.StartsWith(_branchPrefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts a call for an authenticated, checked INVITE (runs on the caller's thread, then in the call's mailbox).</summary>
    public Call StartCall(ServerTransaction transaction, SipRequest invite, SipFlow flow, User caller, string callee,
        IReadOnlyList<Binding> bindings, SessionDescription offer)
    {
        var call = new Call(this, transaction, invite, flow, caller, callee, offer);
        _calls[call.Id] = call;
        Track(transaction, call);
        call.Post(() => call.Start(bindings));
        return call;
    }

    /// <summary>Starts a recorder call (RECORDING.md §2) for an authenticated INVITE to a recorder target: it answers
    /// at once in its mailbox (200, or 488/500/503 with the reason).</summary>
    public RecorderCall? StartRecorderCall(ServerTransaction transaction, SipRequest invite, SipFlow flow, User caller, string target,
        SessionDescription offer)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (RecorderRecording is not { } recording)
        {
            var refused = SipResponseFactory.Create(invite, SipStatusCodes.ServiceUnavailable, "Recording Not Available");
            transaction.Respond(refused);
            return null;
        }

        var call = new RecorderCall(this, recording, transaction, invite, flow, caller, target, offer);
        _recorderCalls[call.Id] = call;
        _recorderTransactions[transaction] = call;
        call.Post(call.Start);
        return call;
    }

    /// <summary>The conversation a recorder call of <paramref name="extension"/> belongs to: its one connected call
    /// through Lyrebird, if it has exactly one.</summary>
    public RecorderLink FindLink(string extension)
    {
        var candidates = _calls.Values
            .Where(c => c.State == CallState.Connected
                && (string.Equals(c.CallerExtension, extension, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(c.CalleeExtension, extension, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        switch (candidates.Count)
        {
            case 0:
                return new RecorderLink(null, null, "unlinked: no other call in progress");
            case > 1:
                return new RecorderLink(null, null, $"unlinked: {candidates.Count.ToString(CultureInfo.InvariantCulture)} calls in progress");
        }

        var call = candidates[0];
        var remote = string.Equals(call.CallerExtension, extension, StringComparison.OrdinalIgnoreCase) ? call.CalleeExtension : call.CallerExtension;
        var callId = call.CallerCallId ?? call.Id;
        return new RecorderLink(callId, remote, $"linked to call {callId} with {remote}");
    }

    /// <summary>Routes an in-dialog request (one with a To tag). False when it matches no dialog: answer 481.</summary>
    public bool OnInDialogRequest(ServerTransaction transaction, SipRequest request, SipFlow flow)
    {
        if (RecorderDialogs.TryFind(request, out _, out var recorder))
        {
            _recorderTransactions[transaction] = recorder;
            recorder.Post(() => recorder.OnInDialogRequest(transaction, request));
            return true;
        }

        if (!Dialogs.TryFind(request, out _, out var owner))
        {
            return false;
        }

        Track(transaction, owner.Call);
        owner.Call.Post(() => owner.Call.OnInDialogRequest(transaction, request, flow, owner.Leg));
        return true;
    }

    /// <summary>A CANCEL for an INVITE server transaction: true when it belongs to a call (which answers it).</summary>
    public bool OnCancel(ServerTransaction cancel, ServerTransaction invite, SipRequest request)
    {
        if (_recorderTransactions.TryGetValue(invite, out var recorder))
        {
            recorder.Post(() => recorder.OnCancel(cancel, request));
            return true;
        }

        if (!_transactions.TryGetValue(invite, out var call))
        {
            return false;
        }

        call.Post(() => call.OnCallerCancel(cancel, request));
        return true;
    }

    public void OnResponse(ClientTransaction transaction, SipResponse response)
    {
        if (!response.IsProvisional && _recorderTransactions.TryGetValue(transaction, out var recorder))
        {
            recorder.Post(() => recorder.OnByeDone(transaction)); // the only requests a recorder call sends are BYEs
            return;
        }

        if (_transactions.TryGetValue(transaction, out var call))
        {
            call.Post(() => call.OnResponse(transaction, response));
        }
    }

    public void OnTimeout(SipTransaction transaction, SipTimer timer)
    {
        if (RecorderTransactionFailed(transaction, timeout: true))
        {
            return;
        }

        if (_transactions.TryGetValue(transaction, out var call))
        {
            call.Post(() => call.OnTransactionFailed(transaction, timeout: true));
        }
    }

    public void OnTransportError(SipTransaction transaction)
    {
        if (RecorderTransactionFailed(transaction, timeout: false))
        {
            return;
        }

        if (_transactions.TryGetValue(transaction, out var call))
        {
            call.Post(() => call.OnTransactionFailed(transaction, timeout: false));
        }
    }

    public void OnTerminated(SipTransaction transaction)
    {
        _transactions.TryRemove(transaction, out _);
        _recorderTransactions.TryRemove(transaction, out _);
    }

    private bool RecorderTransactionFailed(SipTransaction transaction, bool timeout)
    {
        if (!_recorderTransactions.TryGetValue(transaction, out var recorder))
        {
            return false;
        }

        if (transaction is ClientTransaction client)
        {
            recorder.Post(() => recorder.OnByeDone(client));
        }
        else
        {
            recorder.Post(() => recorder.OnServerTransactionFailed(timeout));
        }

        return true;
    }

    /// <summary>The ACK for a 2xx we sent: belongs to a dialog.</summary>
    public void OnStrayAck(SipRequest ack, SipFlow flow)
    {
        if (RecorderDialogs.TryFind(ack, out _, out var recorder))
        {
            recorder.Post(() => recorder.OnAck(ack));
            return;
        }

        if (Dialogs.TryFind(ack, out _, out var owner))
        {
            owner.Call.Post(() => owner.Call.OnAck(ack, owner.Leg));
        }
    }

    /// <summary>A 2xx retransmission after the INVITE client transaction ended: ACK it again through its dialog.</summary>
    public void OnStrayResponse(SipResponse response, SipFlow flow)
    {
        if (Dialogs.TryFind(response, out _, out var owner))
        {
            owner.Call.Post(() => owner.Call.OnStray2xx(response, owner.Leg));
        }
    }

    internal void Track(SipTransaction transaction, Call call) => _transactions[transaction] = call;

    internal void Remove(Call call) => _calls.TryRemove(new KeyValuePair<string, Call>(call.Id, call));

    internal void Track(SipTransaction transaction, RecorderCall call) => _recorderTransactions[transaction] = call;

    internal void Remove(RecorderCall call) => _recorderCalls.TryRemove(new KeyValuePair<string, RecorderCall>(call.Id, call));

    internal string NewBranch() => _branchPrefix + SipIds.NewBranch()[SipVia.MagicCookie.Length..];

    /// <summary>Our host for Via, Contact and From/To domains on a flow: the local address it uses, or the relay's
    /// advertised address when that is a wildcard.</summary>
    internal string HostFor(SipFlow flow)
    {
        var address = flow.Local.Address;
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            address = MediaAddresses.FirstNonLoopbackIPv4() ?? IPAddress.Loopback;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
    }

    internal SipVia NewVia(SipFlow flow)
    {
        var via = new SipVia(flow.Transport.ToViaToken(), HostFor(flow), flow.Local.Port) { Branch = NewBranch() };
        via.Parameters.Add("rport", null);
        return via;
    }

    internal string ContactFor(SipFlow flow)
    {
        var transport = flow.Transport switch
        {
            SipTransportKind.Tcp => ";transport=tcp",
            SipTransportKind.Tls => ";transport=tls",
            _ => "",
        };
        return $"<sip:lyrebird@{HostFor(flow)}:{flow.Local.Port.ToString(CultureInfo.InvariantCulture)}{transport}>";
    }

    /// <summary>The flow toward a registered contact: where its REGISTER came from, on the socket (or connection) it
    /// arrived on (RFC 5626 / RFC 3581 style, so phones behind NAT are reached).</summary>
    internal static SipFlow FlowFor(Binding binding)
    {
        var transport = binding.Transport.ToUpperInvariant() switch
        {
            "TCP" => SipTransportKind.Tcp,
            "TLS" => SipTransportKind.Tls,
            _ => SipTransportKind.Udp,
        };
        return new SipFlow(transport, new IPEndPoint(IPAddress.Parse(binding.LocalAddress), binding.LocalPort),
            new IPEndPoint(IPAddress.Parse(binding.RemoteAddress), binding.RemotePort), binding.ConnectionId);
    }

    private static List<SupportedCodec> ParseCodecs(IReadOnlyList<string> codecs)
    {
        var result = new List<SupportedCodec>();
        foreach (var codec in codecs)
        {
            var parts = codec.Split('/', StringSplitOptions.TrimEntries);
            if (parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var clock))
            {
                var channels = parts.Length >= 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 1;
                result.Add(new SupportedCodec(parts[0], clock, channels));
            }
        }

        return result.Count > 0 ? result : [.. SupportedCodec.Recordable];
    }
}
