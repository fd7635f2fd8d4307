using System.Collections.Concurrent;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyrebird.Sip.Transactions;

/// <summary>
/// The SIP transaction layer (RFC 3261 §17, RFC 6026): owns the client and server transactions and their timers,
/// matches inbound messages to them (§17.1.3, §17.2.3, with RFC 2543 fallback), matches CANCEL to its INVITE (§9.2),
/// rejects merged requests with 482 (§8.2.2.2), absorbs retransmissions, and hands everything else to the
/// <see cref="ITransactionUser"/>. The transport feeds it through <see cref="ISipMessageHandler"/>; it sends through
/// <see cref="ISipMessageSender"/>.
/// </summary>
/// <remarks>
/// <para><b>Concurrency: one mailbox per transaction.</b> Every event for a transaction — an inbound message (on a transport
/// thread), a timer firing (on a <see cref="TimeProvider"/> timer thread), a send failure (on whatever thread completes
/// the send), a TU call such as <see cref="ServerTransaction.Respond"/> — is posted to that transaction's mailbox. A
/// small lock guards only the queue; the first thread to post into an idle mailbox drains it, running the state machine
/// and its effects (sends, timer changes, TU callbacks) one event at a time, with no lock held. So the machines contain
/// no locking, a transaction's events are strictly serialised and ordered, and a TU that calls back into the
/// transaction from inside a callback only queues work (no re-entrancy, no deadlock). No dedicated threads are needed,
/// and with a <c>FakeTimeProvider</c> everything runs synchronously on the test's thread.</para>
/// <para>This is the "serialise per owner" rule of STYLE.md §5.5 applied at the transaction grain. Serialising a whole
/// call (dialog plus its transactions) is the UA layer's job: TU callbacks of different transactions, and the stray
/// ACK/response callbacks (which belong to no transaction), can run concurrently.</para>
/// <para>The transaction tables are <see cref="ConcurrentDictionary{TKey,TValue}"/>s: a transaction is added before its
/// first event is posted and removed when it terminates (in its own mailbox).</para>
/// </remarks>
public sealed class TransactionLayer : ISipMessageHandler, IDisposable
{
    private readonly ISipMessageSender _sender;
    private readonly SipTimers _timers;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<(string Branch, string Method), ClientTransaction> _clients = new();
    private readonly ConcurrentDictionary<ServerTransactionKey, ServerTransaction> _servers = new();
    private readonly ConcurrentDictionary<MergeKey, ServerTransaction> _merge = new();

    /// <param name="sender">Where messages go out.</param>
    /// <param name="user">The TU that receives requests, responses and failures.</param>
    /// <param name="timeProvider">Source of the transaction timers (FakeTimeProvider in tests).</param>
    /// <param name="logger">Logger; Debug for remote mistakes.</param>
    /// <param name="timers">Timer values; <see cref="SipTimers.Default"/> when null.</param>
    public TransactionLayer(ISipMessageSender sender, ITransactionUser user, TimeProvider timeProvider, ILogger<TransactionLayer>? logger = null, SipTimers? timers = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sender = sender;
        User = user;
        TimeProvider = timeProvider;
        Logger = logger ?? (ILogger)NullLogger.Instance;
        _timers = timers ?? SipTimers.Default;
    }

    public SipTimers Timers => _timers;

    /// <summary>Client transactions not yet terminated.</summary>
    public int ClientTransactionCount => _clients.Count;

    /// <summary>Server transactions not yet terminated.</summary>
    public int ServerTransactionCount => _servers.Count;

    internal ITransactionUser User { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    /// <summary>
    /// Starts a client transaction for <paramref name="request"/> on <paramref name="flow"/> (RFC 3261 §17.1): sends it,
    /// retransmits it on UDP, and reports responses, timeout and transport errors to the TU. The request must carry a top
    /// Via with an RFC 3261 branch (<see cref="SipIds.NewBranch"/>) and a CSeq. ACK is not sent in a transaction
    /// (send the ACK for a 2xx through <see cref="ISipMessageSender"/>).
    /// </summary>
    /// <exception cref="ArgumentException">ACK, or no Via branch with the magic cookie, or no CSeq.</exception>
    /// <exception cref="InvalidOperationException">A client transaction with the same branch and method exists.</exception>
    public ClientTransaction SendRequest(SipRequest request, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MethodKind == SipMethodKind.Ack)
        {
            throw new ArgumentException("ACK is not sent in a transaction (RFC 3261 §17.1.1.3, §13.2.2.4).", nameof(request));
        }

        if (request.TopVia is not { IsRfc3261Branch: true } via)
        {
            throw new ArgumentException("The request needs a top Via with an RFC 3261 branch (z9hG4bK…).", nameof(request));
        }

        if (request.CSeq is null)
        {
            throw new ArgumentException("The request needs a CSeq.", nameof(request));
        }

        var transaction = new ClientTransaction(this, request, flow, via.Branch!, _timers);
        if (!_clients.TryAdd((via.Branch!, request.Method), transaction))
        {
            throw new InvalidOperationException($"A client transaction for {request.Method} branch {via.Branch} already exists.");
        }

        TransactionLog.ClientTransactionStarted(Logger, request.Method, via.Branch!, flow);
        transaction.Post(transaction.Start);
        return transaction;
    }

    /// <summary>
    /// Cancels an INVITE client transaction (RFC 3261 §9.1): builds the CANCEL from the INVITE and sends it in its own
    /// non-INVITE client transaction on the same flow. A CANCEL may only be sent once a provisional response arrived,
    /// so this returns null (and sends nothing) unless the INVITE is in Proceeding.
    /// </summary>
    public ClientTransaction? SendCancel(ClientTransaction invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (invite.InviteState != ClientInviteState.Proceeding)
        {
            return null;
        }

        return SendRequest(SipRequestFactory.CreateCancel(invite.Request), invite.Flow);
    }

    /// <summary>Entry point for the transport: every well-formed inbound request and response.</summary>
    public void OnMessage(SipMessage message, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is SipRequest request)
        {
            OnRequest(request, flow);
        }
        else
        {
            OnResponse((SipResponse)message, flow);
        }
    }

    /// <summary>Stops every timer. Transactions are dropped without notifying the TU.</summary>
    public void Dispose()
    {
        _shutdown.Cancel();
        foreach (var tx in _clients.Values)
        {
            tx.Post(tx.StopAllTimers);
        }

        foreach (var tx in _servers.Values)
        {
            tx.Post(tx.StopAllTimers);
        }

        _clients.Clear();
        _servers.Clear();
        _merge.Clear();
        _shutdown.Dispose();
    }

    /// <summary>§17.1.3: a response matches the client transaction whose branch equals the top Via branch and whose
    /// method equals the CSeq method.</summary>
    private void OnResponse(SipResponse response, SipFlow flow)
    {
        var via = response.TopVia;
        var cseq = response.CSeq;
        if (via?.Branch is not { } branch || cseq is not { } c)
        {
            TransactionLog.DroppedInbound(Logger, "response", flow, "no top Via branch or no CSeq");
            return;
        }

        if (_clients.TryGetValue((branch, c.Method), out var transaction))
        {
            transaction.Post(() => transaction.OnResponse(response));
            return;
        }

        if (response.IsSuccess && c.Method == SipMethods.Invite)
        {
            TransactionLog.StrayResponsePassed(Logger, flow);
            User.OnStrayResponse(response, flow);
            return;
        }

        TransactionLog.DroppedStrayResponse(Logger, response.StatusCode, c.Method, branch, flow);
    }

    private void OnRequest(SipRequest request, SipFlow flow)
    {
        var via = request.TopVia;
        var cseq = request.CSeq;
        if (via is null || cseq is not { } c)
        {
            TransactionLog.DroppedInbound(Logger, request.Method, flow, "no parsable top Via or CSeq");
            return;
        }

        var kind = request.MethodKind;
        if (kind == SipMethodKind.Ack)
        {
            OnAck(request, via, c, flow);
            return;
        }

        var key = ServerTransactionKey.For(request, via, c, request.Method);
        if (_servers.TryGetValue(key, out var existing))
        {
            Absorb(existing);
            return;
        }

        // §8.2.2.2 merged requests: only requests outside a dialog (no To tag) are checked.
        MergeKey? mergeKey = null;
        var merged = false;
        if (kind != SipMethodKind.Cancel && request.ToTag is null)
        {
            mergeKey = new MergeKey(request.FromTag, request.CallId, c.Number, c.Method);
            if (_merge.TryGetValue(mergeKey.Value, out var other) && !other.IsTerminated)
            {
                merged = true;
                mergeKey = null;
            }
        }

        ServerTransaction? inviteToCancel = null;
        if (kind == SipMethodKind.Cancel)
        {
            // §9.2: the CANCEL matches the INVITE transaction it would match if it were that INVITE.
            var inviteKey = ServerTransactionKey.For(request, via, c, SipMethods.Invite);
            if (_servers.TryGetValue(inviteKey, out var invite) && invite.IsInvite)
            {
                inviteToCancel = invite;
            }
        }

        var answeredByLayer = merged || (kind == SipMethodKind.Cancel && inviteToCancel is null);
        var transaction = new ServerTransaction(this, request, flow, via.Branch, _timers) { Key = key, AnsweredByLayer = answeredByLayer };

        if (!_servers.TryAdd(key, transaction))
        {
            // Another thread created it for a concurrent copy of the same request: this one is a retransmission.
            if (_servers.TryGetValue(key, out existing))
            {
                Absorb(existing);
            }

            return;
        }

        if (mergeKey is { } mk && _merge.TryAdd(mk, transaction))
        {
            transaction.MergeKey = mk;
        }

        TransactionLog.ServerTransactionCreated(Logger, request.Method, via.Branch, flow);

        if (merged)
        {
            TransactionLog.MergedRequestRejected(Logger, request.Method, request.CallId, c.Number, flow);
            transaction.Post(() =>
            {
                transaction.Start();
                transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.LoopDetected));
            });
            return;
        }

        if (kind == SipMethodKind.Cancel)
        {
            if (inviteToCancel is not null)
            {
                transaction.Post(() => User.OnCancel(transaction, inviteToCancel, request, flow));
            }
            else
            {
                TransactionLog.CancelWithoutTransaction(Logger, flow);
                transaction.Respond(SipResponseFactory.Create(request, SipStatusCodes.CallOrTransactionDoesNotExist));
            }

            return;
        }

        transaction.Post(() =>
        {
            transaction.Start();
            User.OnRequest(transaction, request, flow);
        });
    }

    private void Absorb(ServerTransaction existing)
    {
        TransactionLog.RequestRetransmissionAbsorbed(Logger, existing.Method, existing.Branch);
        existing.Post(existing.OnRequestRetransmission);
    }

    /// <summary>§17.2.3: an ACK matches the INVITE transaction whose response it acknowledges (same branch for a non-2xx
    /// final response). Anything else is an ACK for a 2xx and belongs to the TU's dialog.</summary>
    private void OnAck(SipRequest ack, SipVia via, SipCSeq cseq, SipFlow flow)
    {
        var key = ServerTransactionKey.For(ack, via, cseq, SipMethods.Invite);
        if (_servers.TryGetValue(key, out var invite) && invite.IsInvite)
        {
            // RFC 2543: the ACK's To tag must also equal the tag of the response we sent.
            if (!key.IsRfc2543 || string.Equals(ack.ToTag, invite.LastResponse?.ToTag, StringComparison.Ordinal))
            {
                invite.Post(() => invite.OnAck(ack));
                return;
            }

            TransactionLog.AckToTagMismatch(Logger, flow);
        }

        TransactionLog.StrayAckPassed(Logger, flow);
        User.OnStrayAck(ack, flow);
    }

    /// <summary>Sends a message of <paramref name="transaction"/>; a failure comes back as a transport-error event.</summary>
    internal void Transmit(SipTransaction transaction, SipMessage message)
    {
        ValueTask<bool> send;
        try
        {
            send = message is SipResponse response
                ? _sender.SendResponseAsync(response, transaction.Flow, _shutdown.Token)
                : _sender.SendAsync(message, transaction.Flow, _shutdown.Token);
        }
        catch (ObjectDisposedException)
        {
            return; // layer disposed
        }

        if (send.IsCompletedSuccessfully)
        {
            if (!send.Result)
            {
                transaction.Post(transaction.OnTransportError);
            }

            return;
        }

        _ = AwaitSend(transaction, send);
    }

    private static async Task AwaitSend(SipTransaction transaction, ValueTask<bool> send)
    {
        bool ok;
        try
        {
            ok = await send;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception)
        {
            ok = false; // ISipMessageSender should not throw; treat it as a failed send.
        }

        if (!ok)
        {
            transaction.Post(transaction.OnTransportError);
        }
    }

    /// <summary>Called from a transaction's mailbox when it reaches Terminated.</summary>
    internal void Remove(SipTransaction transaction)
    {
        switch (transaction)
        {
            case ClientTransaction client:
                _clients.TryRemove(new KeyValuePair<(string, string), ClientTransaction>((client.Key, client.Method), client));
                TransactionLog.TransactionTerminated(Logger, "Client", client.Method, client.Branch);
                break;

            case ServerTransaction server:
                _servers.TryRemove(new KeyValuePair<ServerTransactionKey, ServerTransaction>(server.Key, server));
                if (server.MergeKey is { } mk)
                {
                    _merge.TryRemove(new KeyValuePair<MergeKey, ServerTransaction>(mk, server));
                }

                TransactionLog.TransactionTerminated(Logger, "Server", server.Method, server.Branch);
                break;
        }
    }
}
