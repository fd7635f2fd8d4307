namespace Lyrebird.Media.Relay;

/// <summary>
/// Thread-safe pool of even/odd UDP port pairs (RTP on the even port, RTCP on the next one, RFC 3550 §11).
/// Released pairs go to the back of the queue, so a port just freed is the last to be reused and late packets of an
/// ended call do not reach the next one. Exhaustion is reported by <see cref="TryAllocate"/>, never thrown.
/// This is the control path (a lock, no packet ever touches it).
/// </summary>
public sealed class RtpPortPool
{
    private readonly Lock _lock = new();

    // Guarded by _lock.
    private readonly Queue<int> _free;
    private readonly bool[] _allocated;
    private long _exhaustedCount;

    /// <param name="minPort">Lowest port of the range (rounded up to even).</param>
    /// <param name="maxPort">Highest port of the range, inclusive (a pair needs both of its ports in the range).</param>
    public RtpPortPool(int minPort, int maxPort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPort, 65535);
        MinPort = minPort + (minPort & 1);
        MaxPort = maxPort;
        int pairs = (MaxPort - MinPort + 1) / 2;
        if (pairs < 1)
        {
            throw new ArgumentException($"The port range {minPort}-{maxPort} holds no even/odd pair.", nameof(maxPort));
        }

        _free = new Queue<int>(pairs);
        _allocated = new bool[pairs];
        for (int i = 0; i < pairs; i++)
        {
            _free.Enqueue(MinPort + (2 * i));
        }
    }

    /// <summary>The first (even) port of the range.</summary>
    public int MinPort { get; }

    public int MaxPort { get; }

    /// <summary>Number of pairs in the range.</summary>
    public int Capacity => _allocated.Length;

    /// <summary>Pairs not allocated now.</summary>
    public int Available
    {
        get
        {
            lock (_lock)
            {
                return _free.Count;
            }
        }
    }

    /// <summary>How many times <see cref="TryAllocate"/> found the pool empty.</summary>
    public long ExhaustedCount => Interlocked.Read(ref _exhaustedCount);

    /// <summary>Takes a pair; <paramref name="rtpPort"/> is even and <c>rtpPort + 1</c> is its RTCP port.</summary>
    /// <returns>False when every pair is allocated.</returns>
    public bool TryAllocate(out int rtpPort)
    {
        lock (_lock)
        {
            if (_free.TryDequeue(out rtpPort))
            {
                _allocated[(rtpPort - MinPort) / 2] = true;
                return true;
            }

            _exhaustedCount++;
            return false;
        }
    }

    /// <summary>Returns a pair to the pool.</summary>
    /// <returns>False (and no change) when <paramref name="rtpPort"/> is not an allocated pair of this pool.</returns>
    public bool Release(int rtpPort)
    {
        int index = (rtpPort - MinPort) / 2;
        if (rtpPort < MinPort || ((rtpPort - MinPort) & 1) != 0 || index >= _allocated.Length)
        {
            return false;
        }

        lock (_lock)
        {
            if (!_allocated[index])
            {
                return false;
            }

            _allocated[index] = false;
            _free.Enqueue(rtpPort);
            return true;
        }
    }
}
