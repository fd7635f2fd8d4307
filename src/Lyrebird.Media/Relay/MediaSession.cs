namespace Lyrebird.Media.Relay;

/// <summary>
/// The media of one call: two <see cref="MediaLeg"/>s whose RTP and RTCP are relayed to each other by one relay
/// thread. Create with <see cref="MediaRelay.TryCreateSession(MediaRemote?, MediaRemote?, out MediaSession?)"/>;
/// <see cref="Dispose"/> closes the four sockets and returns both port pairs to the pool before it returns.
/// </summary>
public sealed class MediaSession : IDisposable
{
    // Written once at setup.
    private readonly MediaRelay? _relay;

    // Any thread.
    private IMediaTap? _tap;
    private int _disposed;
    private int _closed;

    internal MediaSession(long id, MediaRelay? relay, RelayWorker? worker, long createdTimestamp)
    {
        Id = id;
        _relay = relay;
        Worker = worker;
        CreatedTimestamp = createdTimestamp;
    }

    /// <summary>Raised once (on a thread-pool thread) when no RTP arrived on either leg for the relay's
    /// <see cref="MediaRelayOptions.InactivityTimeout"/> (counted from creation or the last RTP packet; RTCP alone
    /// does not count); raised again only after RTP resumed and stopped again. The handler may dispose the session.</summary>
    public event EventHandler? Inactive;

    /// <summary>Unique within the process.</summary>
    public long Id { get; }

    /// <summary>Leg A (the caller's side by convention). Written once at setup.</summary>
    public MediaLeg A { get; internal set; } = null!;

    /// <summary>Leg B (the callee's side by convention). Written once at setup.</summary>
    public MediaLeg B { get; internal set; } = null!;

    public MediaLeg this[MediaLegId leg] => leg == MediaLegId.A ? A : B;

    /// <summary>
    /// The recorder's hook, read by the relay thread at every packet; null (the default) costs one null check.
    /// May be set or cleared at any time from any thread.
    /// </summary>
    public IMediaTap? Tap
    {
        get => Volatile.Read(ref _tap);
        set => Volatile.Write(ref _tap, value);
    }

    /// <summary>For the owner's use (e.g. the call this media belongs to). Not used by the relay.</summary>
    public object? Tag { get; set; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    // Written once at setup.
    internal RelayWorker? Worker { get; }

    internal long CreatedTimestamp { get; }

    // Owned by the relay thread.
    internal int ListIndex { get; set; } = -1;

    internal bool InactiveReported { get; set; }

    /// <summary>Stops relaying, closes the sockets and returns the ports; safe to call more than once, from any
    /// thread, including from a tap on the relay thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_relay is null || Worker is null)
        {
            CloseSockets(null);
            return;
        }

        Worker.Remove(this);
    }

    internal void MarkDisposed() => Volatile.Write(ref _disposed, 1);

    /// <summary>Closes the four sockets and releases the two pairs, exactly once.</summary>
    internal void CloseSockets(RtpPortPool? pool)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        foreach (MediaLeg? leg in (ReadOnlySpan<MediaLeg?>)[A, B])
        {
            if (leg is null)
            {
                continue;
            }

            _ = LinuxNative.Close(leg.RtpFd);
            _ = LinuxNative.Close(leg.RtcpFd);
            pool?.Release(leg.LocalRtpPort);
        }
    }

    internal void RaiseInactive()
    {
        try
        {
            Inactive?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception exception)
        {
            _relay?.LogHandlerFailed(this, exception);
        }
    }
}
