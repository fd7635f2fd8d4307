using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Lyrebird.Media.Rtp;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Media.Relay;

/// <summary>
/// One dedicated relay thread: an epoll loop over the sockets of the sessions it owns.
/// </summary>
/// <remarks>
/// Ownership: everything marked "owned by the relay thread" is read and written by that thread only — no lock, no
/// interlocked operation on the packet path. Other threads talk to it by enqueueing a <see cref="Command"/> and
/// writing to an eventfd that is part of the epoll set. After <see cref="Stop"/> has joined the thread, the stopping
/// thread becomes the owner (and runs any later command inline, under <see cref="_controlLock"/>).
/// Per packet: one <c>recvfrom</c> (level-triggered epoll, so a socket with more queued packets is reported again by
/// the next <c>epoll_wait</c>, which saves the extra <c>recvfrom</c> returning EAGAIN at 50 packets/s per socket),
/// validation, the latching check, one <c>sendto</c>; the receive buffer and event array are allocated once.
/// </remarks>
internal sealed class RelayWorker
{
    private const ulong WakeToken = ulong.MaxValue;
    private const int MaxEvents = 256;
    private const int BufferSize = 16384;

    // Written once at construction.
    private readonly int _index;
    private readonly int _epoll;
    private readonly int _wakeFd;
    private readonly Thread _thread;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RtpPortPool _pool;
    private readonly TimeSpan _inactivityTimeout;
    private readonly int _sweepMilliseconds;
    private readonly ConcurrentQueue<Command> _commands = new();
    private readonly Lock _controlLock = new();

    // Owned by the relay thread.
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
    private readonly EpollEvent[] _events = new EpollEvent[MaxEvents];
    private readonly Stack<int> _freeSlots = new();
    private readonly List<MediaSession> _sessions = [];
    private Slot[] _slots = new Slot[64];
    private int _slotsUsed;

    // Written by the relay thread only, read by anyone.
    private long _packetsReceived;
    private long _packetsForwarded;
    private long _packetsDropped;

    // Any thread.
    private int _sessionCount;
    private volatile bool _stopping;
    private int _threadId;

    // Guarded by _controlLock.
    private bool _stopped;

    public RelayWorker(int index, RtpPortPool pool, TimeProvider time, TimeSpan inactivityTimeout, ILogger logger)
    {
        _index = index;
        _pool = pool;
        _time = time;
        _logger = logger;
        _inactivityTimeout = inactivityTimeout;
        _sweepMilliseconds = inactivityTimeout > TimeSpan.Zero
            ? (int)Math.Clamp(inactivityTimeout.TotalMilliseconds / 4, 20, 1000)
            : 0;
        _epoll = LinuxNative.EpollCreate1(LinuxNative.EPOLL_CLOEXEC);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _wakeFd = LinuxNative.EventFd(0, LinuxNative.EFD_NONBLOCK | LinuxNative.EFD_CLOEXEC);
        var wake = new EpollEvent { Events = LinuxNative.EPOLLIN, Data = WakeToken };
        if (_wakeFd < 0 || LinuxNative.EpollCtl(_epoll, LinuxNative.EPOLL_CTL_ADD, _wakeFd, in wake) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _ = LinuxNative.Close(_epoll);
            throw new InvalidOperationException($"eventfd setup failed: errno {errno}");
        }

        _thread = new Thread(Run) { IsBackground = true, Name = $"lyrebird-media-{index}" };
    }

    public int SessionCount => Volatile.Read(ref _sessionCount);

    public long PacketsReceived => Volatile.Read(ref _packetsReceived);

    public long PacketsForwarded => Volatile.Read(ref _packetsForwarded);

    public long PacketsDropped => Volatile.Read(ref _packetsDropped);

    public void Start() => _thread.Start();

    /// <summary>Any thread: hands a new session to the relay thread (its sockets are already bound, so packets that
    /// arrive before the thread registers them wait in the socket buffer).</summary>
    public void Add(MediaSession session)
    {
        Interlocked.Increment(ref _sessionCount);
        Post(new Command(session, remove: false, done: null));
    }

    /// <summary>Any thread: stops relaying a session and closes its sockets before returning.</summary>
    public void Remove(MediaSession session)
    {
        if (Environment.CurrentManagedThreadId == Volatile.Read(ref _threadId))
        {
            RemoveNow(session);
            return;
        }

        using var done = new ManualResetEventSlim();
        if (Post(new Command(session, remove: true, done)))
        {
            done.Wait();
        }
    }

    public void Stop()
    {
        if (Environment.CurrentManagedThreadId == Volatile.Read(ref _threadId))
        {
            throw new InvalidOperationException("The media relay cannot be stopped from one of its own relay threads (a tap).");
        }

        _stopping = true;
        Wake();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        lock (_controlLock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            DrainCommands();
            for (int i = _sessions.Count - 1; i >= 0; i--)
            {
                MediaSession session = _sessions[i];
                session.MarkDisposed();
                RemoveNow(session);
            }

            _ = LinuxNative.Close(_wakeFd);
            _ = LinuxNative.Close(_epoll);
        }
    }

    /// <returns>True when the relay thread will run the command (the caller may wait for it); false when it ran
    /// inline because the worker is stopped.</returns>
    private bool Post(Command command)
    {
        lock (_controlLock)
        {
            if (_stopped)
            {
                Execute(command);
                return false;
            }

            _commands.Enqueue(command);

            // Under the lock: Stop closes the eventfd under it, and a write to a closed (possibly reused) fd number
            // must never happen.
            Wake();
        }

        return true;
    }

    private void Wake()
    {
        ulong one = 1;
        _ = LinuxNative.Write(_wakeFd, in one, sizeof(ulong));
    }

    private void Run()
    {
        Volatile.Write(ref _threadId, Environment.CurrentManagedThreadId);
        long nextSweep = Environment.TickCount64 + _sweepMilliseconds;
        while (!_stopping)
        {
            try
            {
                int timeout = _sweepMilliseconds == 0
                    ? -1
                    : (int)Math.Clamp(nextSweep - Environment.TickCount64, 0, _sweepMilliseconds);
                int count = LinuxNative.EpollWait(_epoll, _events, MaxEvents, timeout);
                if (count < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno != LinuxNative.EINTR)
                    {
                        MediaRelayLog.SystemCallFailed(_logger, _index, "epoll_wait", errno);
                        Thread.Sleep(10);
                    }

                    continue;
                }

                bool woken = false;
                for (int i = 0; i < count; i++)
                {
                    ulong data = _events[i].Data;
                    if (data == WakeToken)
                    {
                        woken = true;
                    }
                    else
                    {
                        OnReadable((int)data);
                    }
                }

                if (woken)
                {
                    _ = LinuxNative.Read(_wakeFd, out _, sizeof(ulong));
                    DrainCommands();
                }

                if (_sweepMilliseconds != 0 && Environment.TickCount64 >= nextSweep)
                {
                    Sweep();
                    nextSweep = Environment.TickCount64 + _sweepMilliseconds;
                }
            }
            catch (Exception exception)
            {
                MediaRelayLog.LoopFailed(_logger, _index, exception);
            }
        }
    }

    /// <summary>The packet path. Relay thread only.</summary>
    private void OnReadable(int slotIndex)
    {
        ref Slot slot = ref _slots[slotIndex];
        MediaLeg? leg = slot.Leg;
        if (leg is null)
        {
            return;
        }

        Span<byte> buffer = _buffer;
        int sourceLength = SockAddr.Ipv6Length;
        nint received = LinuxNative.RecvFrom(slot.Fd, buffer, (nuint)buffer.Length, LinuxNative.MSG_TRUNC, out SockAddr source, ref sourceLength);
        if (received < 0)
        {
            return;
        }

        _packetsReceived++;
        if (received > buffer.Length)
        {
            leg.DroppedInvalid++;
            _packetsDropped++;
            return;
        }

        ReadOnlySpan<byte> packet = buffer[..(int)received];
        long now = _time.GetTimestamp();
        if (!leg.Accept(packet, in source, slot.IsRtcp, now, out MediaPacketKind kind, out RtpHeader header))
        {
            _packetsDropped++;
            return;
        }

        MediaLeg peer = leg.Peer;
        bool forwarded = false;
        if (peer.TryGetDestination(kind, out int fd, out SockAddr destination))
        {
            nint sent = LinuxNative.SendTo(fd, packet, (nuint)packet.Length, 0, in destination, destination.Length);
            if (sent >= 0)
            {
                peer.PacketsOut++;
                peer.BytesOut += sent;
                _packetsForwarded++;
                forwarded = true;
            }
            else
            {
                peer.SendErrors++;
                _packetsDropped++;
            }
        }
        else
        {
            _packetsDropped++;
        }

        IMediaTap? tap = leg.Session.Tap;
        if (tap is not null)
        {
            CallTap(tap, leg, packet, now, kind, header, forwarded);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CallTap(IMediaTap tap, MediaLeg leg, ReadOnlySpan<byte> packet, long now, MediaPacketKind kind, RtpHeader header, bool forwarded)
    {
        try
        {
            tap.OnPacket(leg.Session, new MediaTapPacket(packet, now, leg.Id, kind, header, forwarded));
        }
        catch (Exception exception)
        {
            leg.Session.Tap = null;
            MediaRelayLog.TapFailed(_logger, leg.Session.Id, exception);
        }
    }

    private void DrainCommands()
    {
        while (_commands.TryDequeue(out Command? command))
        {
            Execute(command);
        }
    }

    private void Execute(Command command)
    {
        if (command.IsRemove)
        {
            RemoveNow(command.Session);
            command.Done?.Set();
        }
        else
        {
            AddNow(command.Session);
        }
    }

    private void AddNow(MediaSession session)
    {
        if (session.ListIndex >= 0 || session.IsDisposed)
        {
            return;
        }

        session.ListIndex = _sessions.Count;
        _sessions.Add(session);
        foreach (MediaLeg leg in (ReadOnlySpan<MediaLeg>)[session.A, session.B])
        {
            leg.RtpSlot = Register(leg, leg.RtpFd, isRtcp: false);
            leg.RtcpSlot = Register(leg, leg.RtcpFd, isRtcp: true);
        }
    }

    private int Register(MediaLeg leg, int fd, bool isRtcp)
    {
        int index;
        if (!_freeSlots.TryPop(out index))
        {
            if (_slotsUsed == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            index = _slotsUsed++;
        }

        _slots[index] = new Slot(leg, fd, isRtcp);
        var ev = new EpollEvent { Events = LinuxNative.EPOLLIN, Data = (ulong)index };
        if (LinuxNative.EpollCtl(_epoll, LinuxNative.EPOLL_CTL_ADD, fd, in ev) != 0)
        {
            MediaRelayLog.SystemCallFailed(_logger, _index, "epoll_ctl(ADD)", Marshal.GetLastPInvokeError());
        }

        return index;
    }

    private void RemoveNow(MediaSession session)
    {
        int listIndex = session.ListIndex;
        if (listIndex >= 0)
        {
            int last = _sessions.Count - 1;
            MediaSession moved = _sessions[last];
            _sessions[listIndex] = moved;
            moved.ListIndex = listIndex;
            _sessions.RemoveAt(last);
            session.ListIndex = -1;
            foreach (MediaLeg leg in (ReadOnlySpan<MediaLeg>)[session.A, session.B])
            {
                Unregister(leg.RtpSlot, leg.RtpFd);
                Unregister(leg.RtcpSlot, leg.RtcpFd);
                leg.RtpSlot = -1;
                leg.RtcpSlot = -1;
            }

            Interlocked.Decrement(ref _sessionCount);
        }
        else if (!session.IsDisposed)
        {
            return;
        }

        session.CloseSockets(_pool);
    }

    private void Unregister(int slot, int fd)
    {
        if (slot < 0)
        {
            return;
        }

        // Deregister before close: the fd number may be reused at once by another session's socket.
        var ev = default(EpollEvent);
        _ = LinuxNative.EpollCtl(_epoll, LinuxNative.EPOLL_CTL_DEL, fd, in ev);
        _slots[slot] = default;
        _freeSlots.Push(slot);
    }

    /// <summary>Relay thread: reports sessions without RTP on either leg for the inactivity timeout (once per idle
    /// period). RTCP alone does not keep a session alive.</summary>
    private void Sweep()
    {
        long now = _time.GetTimestamp();
        foreach (MediaSession session in _sessions)
        {
            long last = Math.Max(session.CreatedTimestamp, Math.Max(session.A.LastRtpTimestamp, session.B.LastRtpTimestamp));
            bool idle = _time.GetElapsedTime(last, now) >= _inactivityTimeout;
            if (idle && !session.InactiveReported)
            {
                session.InactiveReported = true;
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.RaiseInactive(), session, preferLocal: false);
            }
            else if (!idle)
            {
                session.InactiveReported = false;
            }
        }
    }

    /// <summary>An epoll registration: the leg a socket belongs to. Owned by the relay thread.</summary>
    private readonly record struct Slot(MediaLeg? Leg, int Fd, bool IsRtcp);

    private sealed class Command(MediaSession session, bool remove, ManualResetEventSlim? done)
    {
        public MediaSession Session { get; } = session;

        public bool IsRemove { get; } = remove;

        public ManualResetEventSlim? Done { get; } = done;
    }
}
