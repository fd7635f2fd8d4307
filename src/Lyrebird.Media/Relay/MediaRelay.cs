using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyrebird.Media.Relay;

/// <summary>
/// Anchors the RTP and RTCP of calls: allocates port pairs, relays packets between the two legs of each
/// <see cref="MediaSession"/> on dedicated epoll threads, latches to where phones really send from, reports idle
/// sessions. Linux on x86-64 only (epoll and glibc by P/Invoke); the constructor throws
/// <see cref="PlatformNotSupportedException"/> elsewhere.
/// </summary>
public sealed class MediaRelay : IDisposable
{
    private static long s_nextSessionId;

    // Written once at construction.
    private readonly MediaRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lifecycleLock = new();

    // Guarded by _lifecycleLock; the array is written once at Start.
    private RelayWorker[] _workers = [];
    private bool _started;
    private bool _stopped;

    public MediaRelay(MediaRelayOptions options, TimeProvider? timeProvider = null, ILogger<MediaRelay>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        EnsureSupportedPlatform();
        _options = options.Clone();   // later changes to the caller's object have no effect
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Ports = new RtpPortPool(options.PortMin, options.PortMax);
    }

    public RtpPortPool Ports { get; }

    public MediaRelayOptions Options => _options;

    public bool IsRunning
    {
        get
        {
            lock (_lifecycleLock)
            {
                return _started && !_stopped;
            }
        }
    }

    /// <summary>Starts the relay threads.</summary>
    public void Start()
    {
        lock (_lifecycleLock)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_started)
            {
                return;
            }

            var workers = new RelayWorker[_options.IoThreads];
            for (int i = 0; i < workers.Length; i++)
            {
                workers[i] = new RelayWorker(i, Ports, _time, _options.InactivityTimeout, _logger);
            }

            foreach (RelayWorker worker in workers)
            {
                worker.Start();
            }

            _workers = workers;
            _started = true;
        }

        MediaRelayLog.Started(_logger, _options.IoThreads, Ports.MinPort, Ports.MaxPort, _options.BindAddress);
    }

    /// <summary>Stops the relay threads and closes every remaining session's sockets.</summary>
    public void Stop()
    {
        RelayWorker[] workers;
        lock (_lifecycleLock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            workers = _workers;
        }

        foreach (RelayWorker worker in workers)
        {
            worker.Stop();
        }

        MediaRelayLog.Stopped(_logger);
    }

    public void Dispose() => Stop();

    /// <inheritdoc cref="TryCreateSession(MediaRemote?, MediaRemote?, out MediaSession?)"/>
    public bool TryCreateSession([NotNullWhen(true)] out MediaSession? session) => TryCreateSession(null, null, out session);

    /// <summary>
    /// Allocates two port pairs, binds their four sockets and starts relaying between them.
    /// </summary>
    /// <param name="remoteA">Leg A's SDP endpoints if already known (else set later with <see cref="MediaLeg.UpdateRemote"/>).</param>
    /// <param name="remoteB">Leg B's SDP endpoints if already known.</param>
    /// <param name="session">The new session; dispose it when the call ends.</param>
    /// <returns>False when no port pair is free (or sockets cannot be opened); the reason is logged.</returns>
    /// <exception cref="InvalidOperationException">The relay is not started, or was stopped.</exception>
    public bool TryCreateSession(MediaRemote? remoteA, MediaRemote? remoteB, [NotNullWhen(true)] out MediaSession? session)
    {
        session = null;
        RelayWorker worker = PickWorker();
        if (!TryOpenPair(out int portA, out int rtpA, out int rtcpA))
        {
            return false;
        }

        if (!TryOpenPair(out int portB, out int rtpB, out int rtcpB))
        {
            _ = LinuxNative.Close(rtpA);
            _ = LinuxNative.Close(rtcpA);
            Ports.Release(portA);
            return false;
        }

        var created = new MediaSession(Interlocked.Increment(ref s_nextSessionId), this, worker, _time.GetTimestamp());
        var a = new MediaLeg(created, MediaLegId.A, _options.BindAddress, portA, rtpA, rtcpA);
        var b = new MediaLeg(created, MediaLegId.B, _options.BindAddress, portB, rtpB, rtcpB);
        a.Peer = b;
        b.Peer = a;
        created.A = a;
        created.B = b;
        if (remoteA is not null)
        {
            a.UpdateRemote(remoteA);
        }

        if (remoteB is not null)
        {
            b.UpdateRemote(remoteB);
        }

        worker.Add(created);
        session = created;
        return true;
    }

    public MediaRelayStatistics GetStatistics()
    {
        RelayWorker[] workers;
        lock (_lifecycleLock)
        {
            workers = _workers;
        }

        int sessions = 0;
        long received = 0, forwarded = 0, dropped = 0;
        foreach (RelayWorker worker in workers)
        {
            sessions += worker.SessionCount;
            received += worker.PacketsReceived;
            forwarded += worker.PacketsForwarded;
            dropped += worker.PacketsDropped;
        }

        return new MediaRelayStatistics(sessions, received, forwarded, dropped, Ports.Available, Ports.ExhaustedCount);
    }

    internal void LogHandlerFailed(MediaSession session, Exception exception) =>
        MediaRelayLog.HandlerFailed(_logger, session.Id, exception);

    private RelayWorker PickWorker()
    {
        RelayWorker[] workers;
        lock (_lifecycleLock)
        {
            if (!_started || _stopped)
            {
                throw new InvalidOperationException("The media relay is not running.");
            }

            workers = _workers;
        }

        RelayWorker best = workers[0];
        for (int i = 1; i < workers.Length; i++)
        {
            if (workers[i].SessionCount < best.SessionCount)
            {
                best = workers[i];
            }
        }

        return best;
    }

    private bool TryOpenPair(out int rtpPort, out int rtpFd, out int rtcpFd)
    {
        rtpFd = rtcpFd = -1;
        for (int attempt = 0; attempt < 64; attempt++)
        {
            if (!Ports.TryAllocate(out rtpPort))
            {
                MediaRelayLog.PortsExhausted(_logger, Ports.Available, Ports.Capacity);
                return false;
            }

            rtpFd = OpenSocket(rtpPort, out int errno);
            if (rtpFd >= 0)
            {
                rtcpFd = OpenSocket(rtpPort + 1, out errno);
                if (rtcpFd >= 0)
                {
                    return true;
                }

                _ = LinuxNative.Close(rtpFd);
                rtpFd = -1;
            }

            Ports.Release(rtpPort);
            if (errno != LinuxNative.EADDRINUSE)
            {
                MediaRelayLog.SocketFailed(_logger, rtpPort, errno);
                return false;
            }

            MediaRelayLog.PortInUse(_logger, rtpPort);
        }

        rtpPort = 0;
        return false;
    }

    private int OpenSocket(int port, out int errno)
    {
        bool v6 = _options.BindAddress.AddressFamily == AddressFamily.InterNetworkV6;
        int fd = LinuxNative.Socket(
            v6 ? LinuxNative.AF_INET6 : LinuxNative.AF_INET,
            LinuxNative.SOCK_DGRAM | LinuxNative.SOCK_NONBLOCK | LinuxNative.SOCK_CLOEXEC,
            0);
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return -1;
        }

        int one = 1;
        if (v6)
        {
            _ = LinuxNative.SetSockOpt(fd, LinuxNative.IPPROTO_IPV6, LinuxNative.IPV6_V6ONLY, in one, sizeof(int));
        }

        if (_options.ReceiveBufferBytes > 0)
        {
            int size = _options.ReceiveBufferBytes;
            _ = LinuxNative.SetSockOpt(fd, LinuxNative.SOL_SOCKET, LinuxNative.SO_RCVBUF, in size, sizeof(int));
        }

        SockAddr address = SockAddr.From(_options.BindAddress, port);
        if (LinuxNative.Bind(fd, in address, address.Length) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            _ = LinuxNative.Close(fd);
            return -1;
        }

        errno = 0;
        return fd;
    }

    private static void EnsureSupportedPlatform()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                $"Lyrebird's media relay uses Linux epoll and the x86-64 glibc ABI; this process runs on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}).");
        }
    }
}
