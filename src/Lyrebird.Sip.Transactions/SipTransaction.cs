using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Transport;

namespace Lyrebird.Sip.Transactions;

/// <summary>
/// The TU's handle on one transaction, and the layer's per-transaction owner: it holds the state machine, its timers and
/// its mailbox. Every event for the transaction (inbound message, timer, send failure, TU call) is posted to the mailbox
/// and run one at a time; the machine itself never locks.
/// </summary>
public abstract class SipTransaction : ITransactionEffects
{
    private static readonly int TimerCount = Enum.GetValues<SipTimer>().Length;

    private readonly Lock _gate = new();
    private readonly Queue<Action> _mailbox = new();  // guarded by _gate
    private bool _draining;                           // guarded by _gate
    private readonly ITimer?[] _timers = new ITimer?[TimerCount]; // mailbox-only
    private readonly int[] _timerGenerations = new int[TimerCount]; // mailbox-only

    private protected SipTransaction(TransactionLayer layer, SipRequest request, SipFlow flow, string? branch)
    {
        Layer = layer;
        Request = request;
        Flow = flow;
        Branch = branch;
    }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>Client: the flow the request is sent on. Server: the flow the request arrived on (responses go back
    /// per RFC 3261 §18.2.2).</summary>
    public SipFlow Flow { get; }

    public string Method => Request.Method;

    /// <summary>The top Via branch (null for an RFC 2543 request without one).</summary>
    public string? Branch { get; }

    /// <summary>Free for the TU to correlate the transaction with its own objects.</summary>
    public object? UserState { get; set; }

    /// <summary>The layer answers this transaction itself (482 for a merged request, 481 for an unmatched CANCEL); the TU
    /// never saw it and hears nothing about it.</summary>
    internal bool AnsweredByLayer { get; init; }

    /// <summary>True once the machine reached Terminated.</summary>
    public abstract bool IsTerminated { get; }

    private protected TransactionLayer Layer { get; }

    /// <summary>Runs <paramref name="work"/> after every event already queued for this transaction. If no thread is
    /// draining the mailbox, the calling thread drains it; otherwise the work is queued and this returns at once (so a TU
    /// calling back from inside a callback never re-enters the machine).</summary>
    internal void Post(Action work)
    {
        lock (_gate)
        {
            _mailbox.Enqueue(work);
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        while (true)
        {
            Action next;
            lock (_gate)
            {
                if (!_mailbox.TryDequeue(out next!))
                {
                    _draining = false;
                    return;
                }
            }

            try
            {
                next();
            }
            catch (Exception ex)
            {
                TransactionLog.EventProcessingFailed(Layer.Logger, ex, Method, Branch);
            }
        }
    }

    internal abstract void OnTimer(SipTimer timer);

    internal abstract void OnTransportError();

    internal void StopAllTimers()
    {
        for (var i = 0; i < _timers.Length; i++)
        {
            _timers[i]?.Dispose();
            _timers[i] = null;
            _timerGenerations[i]++;
        }
    }

    private protected abstract void PassResponseToTu(SipResponse response);

    private protected virtual void PassAckToTu(SipRequest ack) => Layer.User.OnStrayAck(ack, Flow);

    void ITransactionEffects.Send(SipMessage message) => Layer.Transmit(this, message);

    void ITransactionEffects.StartTimer(SipTimer timer, TimeSpan dueTime)
    {
        var slot = (int)timer;
        _timers[slot]?.Dispose();
        var generation = ++_timerGenerations[slot];
        _timers[slot] = Layer.TimeProvider.CreateTimer(
            static state =>
            {
                var (self, timer, generation) = ((SipTransaction, SipTimer, int))state!;
                self.Post(() => self.FireTimer(timer, generation));
            },
            (this, timer, generation),
            dueTime,
            Timeout.InfiniteTimeSpan);
    }

    void ITransactionEffects.StopTimer(SipTimer timer)
    {
        var slot = (int)timer;
        if (_timers[slot] is { } t)
        {
            t.Dispose();
            _timers[slot] = null;
        }

        _timerGenerations[slot]++;
    }

    void ITransactionEffects.PassResponseToTu(SipResponse response) => PassResponseToTu(response);

    void ITransactionEffects.PassAckToTu(SipRequest ack) => PassAckToTu(ack);

    void ITransactionEffects.TimedOut(SipTimer timer)
    {
        TransactionLog.TransactionTimedOut(Layer.Logger, Method, Branch, timer);
        if (!AnsweredByLayer)
        {
            Layer.User.OnTimeout(this, timer);
        }
    }

    void ITransactionEffects.TransportFailed()
    {
        TransactionLog.TransportErrorReported(Layer.Logger, Method, Branch, Flow);
        if (!AnsweredByLayer)
        {
            Layer.User.OnTransportError(this);
        }
    }

    void ITransactionEffects.Terminated()
    {
        StopAllTimers();
        Layer.Remove(this);
        if (!AnsweredByLayer)
        {
            Layer.User.OnTerminated(this);
        }
    }

    private void FireTimer(SipTimer timer, int generation)
    {
        var slot = (int)timer;
        if (generation != _timerGenerations[slot])
        {
            return; // stopped or restarted after this firing was queued
        }

        _timers[slot]?.Dispose();
        _timers[slot] = null;
        TransactionLog.TimerFired(Layer.Logger, timer, Method, Branch);
        OnTimer(timer);
    }
}
