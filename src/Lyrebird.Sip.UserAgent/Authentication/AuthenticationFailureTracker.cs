using System.Net;

namespace Lyrebird.Sip.UserAgent.Authentication;

/// <summary>
/// Brute-force protection: <see cref="Threshold"/> failed authentications from one source address within
/// <see cref="Window"/> put that address on a cool-down of <see cref="CoolDown"/>, during which its requests are
/// refused without checking credentials.
/// </summary>
/// <remarks>Thread-safe (one lock; authentication failures are rare events). Memory is bounded by pruning entries
/// whose window and cool-down have passed.</remarks>
public sealed class AuthenticationFailureTracker
{
    private const int PruneAbove = 10_000;

    private readonly TimeProvider _time;
    private readonly Dictionary<IPAddress, Entry> _entries = [];
    private readonly Lock _lock = new();

    public AuthenticationFailureTracker(TimeProvider time, int threshold = 10, TimeSpan? window = null, TimeSpan? coolDown = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        _time = time;
        Threshold = threshold;
        Window = window ?? TimeSpan.FromMinutes(1);
        CoolDown = coolDown ?? TimeSpan.FromMinutes(5);
    }

    public int Threshold { get; }

    public TimeSpan Window { get; }

    public TimeSpan CoolDown { get; }

    public bool IsCoolingDown(IPAddress address)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(address, out var entry) && entry.CoolDownUntil is { } until && _time.GetUtcNow() < until;
        }
    }

    /// <summary>Counts a failure; returns true exactly when this failure starts a cool-down.</summary>
    public bool RecordFailure(IPAddress address)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.Count > PruneAbove)
            {
                Prune(now);
            }

            if (_entries.TryGetValue(address, out var entry) && entry.CoolDownUntil is { } until && now < until)
            {
                return false;
            }

            var fresh = entry is null || now - entry.WindowStart > Window;
            var count = fresh ? 1 : entry!.Count + 1;
            if (count >= Threshold)
            {
                _entries[address] = new Entry(now, 0, now + CoolDown);
                return true;
            }

            _entries[address] = new Entry(fresh ? now : entry!.WindowStart, count, null);
            return false;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, entry) in _entries.ToList())
        {
            if (now - entry.WindowStart > Window && (entry.CoolDownUntil is null || now >= entry.CoolDownUntil))
            {
                _entries.Remove(address);
            }
        }
    }

    private sealed record Entry(DateTimeOffset WindowStart, int Count, DateTimeOffset? CoolDownUntil);
}
