using Lyrebird.Sip.Messages;

namespace Lyrebird.Sip.Transactions.Tests;

/// <summary>
/// Records what a state machine asks for, with an exact simulated clock: <see cref="Advance"/> fires the due timers in
/// time order, each at its own due time, and timers started from a firing are scheduled from that moment.
/// </summary>
internal sealed class MachineHarness : ITransactionEffects
{
    private readonly Dictionary<SipTimer, TimeSpan> _due = [];

    public TimeSpan Now { get; private set; }

    /// <summary>Where timer firings go (set to the machine's OnTimer).</summary>
    public Action<SipTimer> Fire { get; set; } = _ => { };

    public List<(TimeSpan At, SipMessage Message)> Sent { get; } = [];

    /// <summary>TU notifications in order: "response 180", "ack", "timeout B", "transport-error", "terminated".</summary>
    public List<string> Tu { get; } = [];

    public bool IsTerminated { get; private set; }

    public int SentAfterTermination { get; private set; }

    public IReadOnlyDictionary<SipTimer, TimeSpan> ActiveTimers => _due;

    public IEnumerable<SipRequest> SentRequests(string method) => Sent.Select(s => s.Message).OfType<SipRequest>().Where(r => r.Method == method);

    public IEnumerable<SipResponse> SentResponses(int status) => Sent.Select(s => s.Message).OfType<SipResponse>().Where(r => r.StatusCode == status);

    public List<TimeSpan> SendTimes(Func<SipMessage, bool> which) => Sent.Where(s => which(s.Message)).Select(s => s.At).ToList();

    public bool IsRunning(SipTimer timer) => _due.ContainsKey(timer);

    public TimeSpan? DueIn(SipTimer timer) => _due.TryGetValue(timer, out var due) ? due - Now : null;

    public void Advance(TimeSpan duration)
    {
        var end = Now + duration;
        while (_due.Count > 0)
        {
            var next = _due.MinBy(kv => kv.Value);
            if (next.Value > end)
            {
                break;
            }

            Now = next.Value;
            _due.Remove(next.Key);
            Fire(next.Key);
        }

        Now = end;
    }

    /// <summary>Fires the earliest running timer (advancing the clock to it); false when none runs.</summary>
    public bool FireNext()
    {
        if (_due.Count == 0)
        {
            return false;
        }

        Advance(_due.Values.Min() - Now);
        return true;
    }

    public void Send(SipMessage message)
    {
        if (IsTerminated)
        {
            SentAfterTermination++;
        }

        Sent.Add((Now, message));
    }

    public void StartTimer(SipTimer timer, TimeSpan dueTime)
    {
        Assert.True(dueTime > TimeSpan.Zero, $"Timer {timer} started with {dueTime}");
        _due[timer] = Now + dueTime;
    }

    public void StopTimer(SipTimer timer) => _due.Remove(timer);

    public void PassResponseToTu(SipResponse response) => Tu.Add($"response {response.StatusCode}");

    public void PassAckToTu(SipRequest ack) => Tu.Add("ack");

    public void TimedOut(SipTimer timer) => Tu.Add($"timeout {timer}");

    public void TransportFailed() => Tu.Add("transport-error");

    public void Terminated()
    {
        Assert.False(IsTerminated, "Terminated reported twice");
        IsTerminated = true;
        Tu.Add("terminated");
    }
}
