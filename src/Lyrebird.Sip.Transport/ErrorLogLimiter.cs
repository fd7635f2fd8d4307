namespace Lyrebird.Sip.Transport;

/// <summary>Allows at most N Error logs per minute, so a bug hit by every packet cannot flood the log.</summary>
internal sealed class ErrorLogLimiter(TimeProvider timeProvider, int perMinute)
{
    private readonly Lock _lock = new();
    private long _windowStart = timeProvider.GetTimestamp();
    private int _count;

    public bool TryAcquire()
    {
        lock (_lock)
        {
            var now = timeProvider.GetTimestamp();
            if (timeProvider.GetElapsedTime(_windowStart, now) >= TimeSpan.FromMinutes(1))
            {
                _windowStart = now;
                _count = 0;
            }

            return ++_count <= perMinute;
        }
    }
}
