using System.Net;
using System.Net.Sockets;
using Lyrebird.Sdp.Negotiation;
using Microsoft.Extensions.Logging;

namespace Lyrebird.Core.Media;

/// <summary>One call's relay in <see cref="SimpleUdpRelayAnchor"/>: for each stream, a <see cref="RelayEndpoint"/> per leg
/// (RTP and RTCP sockets, advertised and latched remote endpoints, counters) and receive loops that forward to the
/// other leg.</summary>
internal sealed class SimpleUdpRelaySession : IMediaSession
{
    private IRtpTap? _tap; // set by the call's recorder from any thread; read by the receive loops
    private volatile bool _receiveOnly;
    private readonly string _name;
    private readonly MediaAnchorOptions _options;
    private readonly RelayPortPool _pool;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<IMediaSession> _onInactive;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, RelayEndpoint[]> _streams = [];
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _inactivityTimer;
    private long _lastActivityTicks;
    private int _inactiveReported;
    private bool _disposed;

    public SimpleUdpRelaySession(string name, MediaAnchorOptions options, RelayPortPool pool, TimeProvider time, ILogger logger, Action<IMediaSession> onInactive)
    {
        _name = name;
        _options = options;
        _pool = pool;
        _time = time;
        _logger = logger;
        _onInactive = onInactive;
        _lastActivityTicks = time.GetUtcNow().UtcTicks;
    }

    public IPAddress AdvertisedAddress => _options.AdvertisedAddress;

    public RelayPorts? GetPorts(MediaLeg leg, int streamIndex)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_streams.TryGetValue(streamIndex, out var pair))
            {
                var a = _pool.Rent();
                var b = a is null ? null : _pool.Rent();
                if (a is null || b is null)
                {
                    if (a is { } rented)
                    {
                        rented.Rtp.Dispose();
                        rented.Rtcp.Dispose();
                        _pool.Return(rented.Port);
                    }

                    MediaLog.PortsExhausted(_logger, _name);
                    return null;
                }

                pair = [new RelayEndpoint(a.Value.Rtp, a.Value.Rtcp, a.Value.Port), new RelayEndpoint(b.Value.Rtp, b.Value.Rtcp, b.Value.Port)];
                _streams.Add(streamIndex, pair);
                for (var side = 0; side < 2; side++)
                {
                    var from = pair[side];
                    var to = pair[1 - side];
                    _ = ReceiveLoopAsync((MediaLeg)side, from, to, rtcp: false);
                    _ = ReceiveLoopAsync((MediaLeg)side, from, to, rtcp: true);
                }
            }

            var endpoint = pair[(int)leg];
            return new RelayPorts(endpoint.Port, endpoint.Port + 1);
        }
    }

    public void SetRemote(MediaLeg leg, MediaStreamInfo stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        RelayEndpoint? endpoint;
        lock (_lock)
        {
            endpoint = _streams.TryGetValue(stream.Index, out var pair) ? pair[(int)leg] : null;
        }

        endpoint?.SetAdvertised(stream.RtpEndPoint, stream.RtcpEndPoint, stream.RtcpMux);
    }

    public void StartInactivityMonitor()
    {
        lock (_lock)
        {
            if (_disposed || _inactivityTimer is not null)
            {
                return;
            }

            Interlocked.Exchange(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);
            var period = _options.InactivityTimeout / 4;
            if (period < TimeSpan.FromMilliseconds(50))
            {
                period = TimeSpan.FromMilliseconds(50);
            }

            _inactivityTimer = _time.CreateTimer(_ => CheckInactivity(), null, period, period);
        }
    }

    public MediaLegCounters GetCounters(MediaLeg leg)
    {
        long received = 0, bytes = 0, forwarded = 0, source = 0, destination = 0, invalid = 0;
        lock (_lock)
        {
            foreach (var pair in _streams.Values)
            {
                var e = pair[(int)leg];
                received += Volatile.Read(ref e.PacketsReceived);
                bytes += Volatile.Read(ref e.BytesReceived);
                forwarded += Volatile.Read(ref e.PacketsForwarded);
                source += Volatile.Read(ref e.DroppedUnexpectedSource);
                destination += Volatile.Read(ref e.DroppedNoDestination);
                invalid += Volatile.Read(ref e.DroppedInvalid);
            }
        }

        return new MediaLegCounters(received, bytes, forwarded, source, destination, invalid);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _inactivityTimer?.Dispose();
            _stop.Cancel();
            foreach (var pair in _streams.Values)
            {
                foreach (var endpoint in pair)
                {
                    endpoint.Rtp.Dispose();
                    endpoint.Rtcp.Dispose();
                    _pool.Return(endpoint.Port);
                }
            }

            _streams.Clear();
        }

        _stop.Dispose();
    }

    private void CheckInactivity()
    {
        var idle = _time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastActivityTicks);
        if (idle >= _options.InactivityTimeout.Ticks && Interlocked.Exchange(ref _inactiveReported, 1) == 0)
        {
            MediaLog.Inactive(_logger, _name, _options.InactivityTimeout);
            _onInactive(this);
        }
    }

    public bool ReceiveOnly
    {
        get => _receiveOnly;
        set => _receiveOnly = value;
    }

    public IRtpTap? Tap
    {
        get => Volatile.Read(ref _tap);
        set => Volatile.Write(ref _tap, value);
    }

    private async Task ReceiveLoopAsync(MediaLeg leg, RelayEndpoint from, RelayEndpoint to, bool rtcp)
    {
        var socket = rtcp ? from.Rtcp : from.Rtp;
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        CancellationToken token;
        try
        {
            token = _stop.Token;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        while (!token.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (!token.IsCancellationRequested)
            {
                continue; // e.g. ICMP unreachable reported on the socket
            }
            catch (SocketException)
            {
                return;
            }

            var source = (IPEndPoint)result.RemoteEndPoint;
            var length = result.ReceivedBytes;
            if (from.Accept(source, buffer.AsSpan(0, length), rtcp) is not { } asRtcp)
            {
                continue;
            }

            Interlocked.Exchange(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);
            if (!asRtcp && Volatile.Read(ref _tap) is { } tap)
            {
                tap.OnRtp(leg, buffer.AsSpan(0, length), _time.GetTimestamp());
            }

            var destination = _receiveOnly ? null : to.DestinationFor(asRtcp);
            if (destination is null)
            {
                Interlocked.Increment(ref from.DroppedNoDestination);
                continue;
            }

            try
            {
                var outSocket = destination.Value.Rtcp ? to.Rtcp : to.Rtp;
                await outSocket.SendToAsync(buffer.AsMemory(0, length), SocketFlags.None, destination.Value.EndPoint, token);
                Interlocked.Increment(ref from.PacketsForwarded);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref from.DroppedNoDestination);
            }
        }
    }
}
