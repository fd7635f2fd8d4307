using System.Net;
using System.Net.Sockets;
using Lyrebird.Media.Relay;
using Lyrebird.Sdp.Negotiation;
using Microsoft.Extensions.Logging;
using RelaySession = Lyrebird.Media.Relay.MediaSession;

namespace Lyrebird.Core.Media;

/// <summary>
/// One call in <see cref="RelayMediaAnchor"/>: a relay <see cref="RelaySession"/> per stream index (its leg A is the
/// call's leg A), created on the first <see cref="GetPorts"/> of that stream.
/// </summary>
/// <remarks>
/// Threads: configuration (ports, remotes, tap, monitor, dispose) comes from call threads under <see cref="_lock"/>;
/// packets are relayed on the relay's threads, which never take the lock (the tap adapter is a volatile reference in
/// the relay session). Inactivity: from <see cref="StartInactivityMonitor"/> on, a timer of the anchor's
/// <see cref="TimeProvider"/> samples the accepted-packet counters (RTP and RTCP, both legs, every stream) every
/// timeout/4; no change for the timeout reports the session once.
/// </remarks>
internal sealed class RelayMediaSession : IMediaSession
{
    private readonly string _name;
    private readonly MediaRelay _relay;
    private readonly MediaAnchorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<IMediaSession> _onInactive;
    private readonly Lock _lock = new();

    // Guarded by _lock.
    private readonly Dictionary<int, RelaySession> _streams = [];
    private RtpTapAdapter? _tapAdapter;
    private ITimer? _inactivityTimer;
    private bool _disposed;
    private volatile bool _receiveOnly; // written by the call (any thread), read under _lock and by SetRemote

    // Any thread.
    private IRtpTap? _tap;
    private int _inactiveReported;

    // The inactivity timer's callback (never runs concurrently with itself: a sampling that overlaps is skipped).
    private long _lastPacketCount;
    private long _lastActivityTimestamp;
    private int _checking;

    public RelayMediaSession(string name, MediaRelay relay, MediaAnchorOptions options, TimeProvider time, ILogger logger, Action<IMediaSession> onInactive)
    {
        _name = name;
        _relay = relay;
        _options = options;
        _time = time;
        _logger = logger;
        _onInactive = onInactive;
    }

    public IPAddress AdvertisedAddress => _options.AdvertisedAddress;

    public IRtpTap? Tap
    {
        get => Volatile.Read(ref _tap);
        set
        {
            lock (_lock)
            {
                Volatile.Write(ref _tap, value);
                _tapAdapter = value is null ? null : new RtpTapAdapter(value);
                foreach (var stream in _streams.Values)
                {
                    stream.Tap = _tapAdapter;
                }
            }
        }
    }

    public RelayPorts? GetPorts(MediaLeg leg, int streamIndex)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_streams.TryGetValue(streamIndex, out var stream))
            {
                if (!TryCreateStream(out stream))
                {
                    MediaLog.PortsExhausted(_logger, _name);
                    return null;
                }

                stream.Tap = _tapAdapter;
                _streams.Add(streamIndex, stream);
                if (_receiveOnly)
                {
                    Hold(stream);
                }
            }

            var relayLeg = stream[ToRelay(leg)];
            return new RelayPorts(relayLeg.LocalRtpPort, relayLeg.LocalRtcpPort);
        }
    }

    public void SetRemote(MediaLeg leg, MediaStreamInfo stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        RelaySession? session;
        lock (_lock)
        {
            session = _streams.GetValueOrDefault(stream.Index);
        }

        if (session is null || session.IsDisposed)
        {
            return;
        }

        if (_receiveOnly)
        {
            Hold(session); // a receive-only session sends to nobody; the phone's packets still latch, count and tap
            return;
        }

        // No usable endpoint (rejected stream, host name in c=): the unspecified address, i.e. "send nothing" (hold).
        var rtp = stream.RtpEndPoint ?? new IPEndPoint(Unspecified(), 0);
        var rtcp = stream.RtcpMux ? rtp : stream.RtcpEndPoint ?? new IPEndPoint(rtp.Address, 0);
        if (!session[ToRelay(leg)].UpdateRemote(new MediaRemote(rtp, rtcp, stream.RtcpMux)))
        {
            MediaLog.RemoteFamilyMismatch(_logger, _name, rtp, _options.BindAddress);
        }
    }

    public void StartInactivityMonitor()
    {
        lock (_lock)
        {
            if (_disposed || _inactivityTimer is not null || _options.InactivityTimeout <= TimeSpan.Zero)
            {
                return;
            }

            _lastPacketCount = CountPacketsLocked();
            _lastActivityTimestamp = _time.GetTimestamp();
            var period = _options.InactivityTimeout / 4;
            if (period < TimeSpan.FromMilliseconds(50))
            {
                period = TimeSpan.FromMilliseconds(50);
            }

            _inactivityTimer = _time.CreateTimer(static state => ((RelayMediaSession)state!).CheckInactivity(), this, period, period);
        }
    }

    public MediaLegCounters GetCounters(MediaLeg leg)
    {
        long received = 0, bytes = 0, forwarded = 0, source = 0, destination = 0, invalid = 0;
        lock (_lock)
        {
            foreach (var stream in _streams.Values)
            {
                // Counters of packets from this leg's phone: "in" and drops on its own leg; what became of them on the
                // way out (sent, no destination, send error) is counted on the other leg.
                var from = stream[ToRelay(leg)].GetCounters();
                var to = stream[ToRelay(leg) == MediaLegId.A ? MediaLegId.B : MediaLegId.A].GetCounters();
                received += from.PacketsIn;
                bytes += from.BytesIn;
                source += from.DroppedUnexpectedSource;
                invalid += from.DroppedInvalid;
                forwarded += to.PacketsOut;
                destination += to.DroppedNoDestination + to.SendErrors;
            }
        }

        return new MediaLegCounters(received, bytes, forwarded, source, destination, invalid);
    }

    public void Dispose()
    {
        RelaySession[] streams;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _inactivityTimer?.Dispose();
            streams = [.. _streams.Values];
            _streams.Clear();
        }

        // Each returns once the relay thread has closed the sockets and the ports are back in the pool.
        foreach (var stream in streams)
        {
            stream.Dispose();
        }
    }

    private bool TryCreateStream(out RelaySession session)
    {
        try
        {
            if (_relay.TryCreateSession(out var created))
            {
                session = created;
                return true;
            }
        }
        catch (InvalidOperationException)
        {
            // the relay was stopped (shutdown): no ports, as when the range is exhausted
        }

        session = null!;
        return false;
    }

    private void CheckInactivity()
    {
        if (Interlocked.Exchange(ref _checking, 1) != 0)
        {
            return;
        }

        try
        {
            long count;
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                count = CountPacketsLocked();
            }

            var now = _time.GetTimestamp();
            if (count != _lastPacketCount)
            {
                _lastPacketCount = count;
                _lastActivityTimestamp = now;
                return;
            }

            if (_time.GetElapsedTime(_lastActivityTimestamp, now) >= _options.InactivityTimeout
                && Interlocked.Exchange(ref _inactiveReported, 1) == 0)
            {
                MediaLog.Inactive(_logger, _name, _options.InactivityTimeout);
                _onInactive(this);
            }
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    /// <summary>Accepted packets (RTP and RTCP) from both phones on every stream.</summary>
    private long CountPacketsLocked()
    {
        long total = 0;
        foreach (var stream in _streams.Values)
        {
            total += stream.A.GetCounters().PacketsIn + stream.B.GetCounters().PacketsIn;
        }

        return total;
    }

    /// <inheritdoc/>
    /// <remarks>Implemented by giving both legs of every stream the unspecified address: the relay then sends to neither
    /// leg, latched or not, while it still accepts, counts and taps what arrives.</remarks>
    public bool ReceiveOnly
    {
        get => _receiveOnly;
        set
        {
            List<RelaySession> streams;
            lock (_lock)
            {
                _receiveOnly = value;
                streams = [.. _streams.Values];
            }

            if (value)
            {
                foreach (var stream in streams)
                {
                    Hold(stream);
                }
            }
        }
    }

    private void Hold(RelaySession stream)
    {
        var nowhere = new IPEndPoint(Unspecified(), 0);
        stream[MediaLegId.A].UpdateRemote(new MediaRemote(nowhere, nowhere));
        stream[MediaLegId.B].UpdateRemote(new MediaRemote(nowhere, nowhere));
    }

    private IPAddress Unspecified() =>
        _options.BindAddress.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;

    private static MediaLegId ToRelay(MediaLeg leg) => leg == MediaLeg.A ? MediaLegId.A : MediaLegId.B;

    /// <summary>Hands the relay's RTP packets (not RTCP) to the call's <see cref="IRtpTap"/>, with the leg they came
    /// from and their arrival timestamp. Runs on relay threads; allocates nothing.</summary>
    private sealed class RtpTapAdapter(IRtpTap tap) : IMediaTap
    {
        public void OnPacket(RelaySession session, in MediaTapPacket packet)
        {
            if (packet.Kind == Lyrebird.Media.Rtp.MediaPacketKind.Rtp)
            {
                tap.OnRtp(packet.ReceivedOn == MediaLegId.A ? MediaLeg.A : MediaLeg.B, packet.Data, packet.Timestamp);
            }
        }
    }
}
