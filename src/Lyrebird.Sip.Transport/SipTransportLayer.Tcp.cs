using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Transport;

/// <summary>
/// TCP: an accept loop per listener, a read loop per connection (PipeReader + <see cref="SipFramer"/>), the flow table
/// (connections by id and by remote endpoint, the newest connection to a remote winning), on-demand connects and the
/// idle sweep.
/// </summary>
public sealed partial class SipTransportLayer
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly ConcurrentDictionary<long, SipTcpConnection> _connectionsById = new();
    private readonly ConcurrentDictionary<IPEndPoint, SipTcpConnection> _connectionsByRemote = new();
    private readonly ConcurrentDictionary<IPEndPoint, Lazy<Task<SipTcpConnection?>>> _pendingConnects = new();
    private long _nextConnectionId;
    private int _pendingConnectCount;
    private ITimer? _idleTimer;

    private async Task RunAcceptLoopAsync(Socket listener)
    {
        await Task.Yield();
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                if (_stopping.IsCancellationRequested)
                {
                    break;
                }

                SipTransportLog.NetworkError(_logger, "TCP", listener.LocalEndPoint, ex);
                continue;
            }

            try
            {
                if (_connectionsById.Count >= _options.MaxTcpConnections)
                {
                    _metrics.Refused("connections");
                    var refused = socket.RemoteEndPoint as IPEndPoint;
                    SipTransportLog.ConnectionRefusedAtLimit(_logger, refused, _connectionsById.Count);
                    socket.Dispose();
                    continue;
                }

                socket.NoDelay = true;
                Register(new SipTcpConnection(Interlocked.Increment(ref _nextConnectionId), socket, accepted: true, _timeProvider));
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                socket.Dispose(); // the peer went away between accept and setup
            }
            catch (Exception ex)
            {
                socket.Dispose();
                ReportBug("tcp-accept", ex);
            }
        }
    }

    private void Register(SipTcpConnection connection)
    {
        _connectionsById[connection.Id] = connection;
        _connectionsByRemote[connection.Remote] = connection;
        _metrics.ConnectionOpened();
        SipTransportLog.ConnectionOpened(_logger, connection.Id, connection.Local, connection.Remote, connection.Accepted ? "accepted" : "connected");
        connection.ReadLoop = RunConnectionAsync(connection);
        if (_stopping.IsCancellationRequested)
        {
            connection.Close(); // raced with StopAsync
        }
    }

    private async Task RunConnectionAsync(SipTcpConnection connection)
    {
        await Task.Yield();
        var reader = PipeReader.Create(connection.Stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(connection.Closed);
                var buffer = result.Buffer;
                connection.Touch();
                var framingFailed = false;
                while (!framingFailed)
                {
                    var status = SipFramer.TryFrame(buffer, _limits, out var frame);
                    if (status == OperationStatus.Done)
                    {
                        if (frame.Kind == SipFrameKind.KeepAlivePing)
                        {
                            await connection.SendAsync(Pong, _stopping.Token); // RFC 5626 §4.4.1 pong
                            SipTransportLog.KeepAliveAnswered(_logger, connection.Id);
                        }
                        else
                        {
                            await IngestAsync(frame.Message.ToArray(), connection.Flow);
                        }

                        buffer = buffer.Slice(frame.Consumed);
                        continue;
                    }

                    if (status == OperationStatus.InvalidData)
                    {
                        framingFailed = true;
                        await OnFramingErrorAsync(connection, frame);
                    }

                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (framingFailed)
                {
                    await DrainAndCloseAsync(connection, reader);
                    break;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // closed by us (idle, stop, framing error) or by a failed send
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            SipTransportLog.NetworkError(_logger, "TCP", connection.Remote, ex);
        }
        catch (Exception ex)
        {
            ReportBug("tcp-connection", ex);
        }
        finally
        {
            await reader.CompleteAsync();
            Unregister(connection);
        }
    }

    /// <summary>A stream that cannot be framed cannot be resynchronised: answer 400/513 if the header section names a
    /// request, then close (RFC 3261 §18.3).</summary>
    private async ValueTask OnFramingErrorAsync(SipTcpConnection connection, SipFrame frame)
    {
        SipTransportLog.FramingError(_logger, connection.Id, frame.Reason, frame.Header);
        var header = frame.HeaderSection;
        var salvage = header.IsEmpty ? null : SalvageHeaderSection(header.ToArray());
        var isResponse = salvage is null && !header.IsEmpty && LooksLikeResponse(header.FirstSpan);
        await RejectAsync(frame.Reason, frame.Header, salvage, isResponse, (int)Math.Min(int.MaxValue, header.Length), connection.Flow);
    }

    /// <summary>Half-closes and discards input for <see cref="SipTransportOptions.TcpLingerAfterError"/> (or until the
    /// peer closes), so the peer reads our error response instead of a reset, then closes.</summary>
    private async ValueTask DrainAndCloseAsync(SipTcpConnection connection, PipeReader reader)
    {
        connection.ShutdownSend();
        using var linger = new CancellationTokenSource(_options.TcpLingerAfterError, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(linger.Token, connection.Closed);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(linked.Token);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
            // linger over or connection gone
        }

        connection.Close();
    }

    private void Unregister(SipTcpConnection connection)
    {
        connection.Close();
        if (_connectionsById.TryRemove(connection.Id, out _))
        {
            _metrics.ConnectionClosed();
            SipTransportLog.ConnectionClosed(_logger, connection.Id, connection.Remote);
        }

        _connectionsByRemote.TryRemove(KeyValuePair.Create(connection.Remote, connection));
    }

    /// <summary>Sends on the connection <paramref name="connectionId"/> when open, else on the open connection to
    /// <paramref name="remote"/> (e.g. one a phone opened to us), else on a new connection.</summary>
    private async ValueTask<bool> SendTcpAsync(ReadOnlyMemory<byte> data, long connectionId, IPEndPoint remote, CancellationToken cancellationToken)
    {
        if (connectionId != 0 && _connectionsById.TryGetValue(connectionId, out var byId) && byId.IsOpen
            && await byId.SendAsync(data, cancellationToken))
        {
            return true;
        }

        if (_connectionsByRemote.TryGetValue(remote, out var byRemote) && byRemote.IsOpen && await byRemote.SendAsync(data, cancellationToken))
        {
            return true;
        }

        var connection = await GetOrConnectAsync(remote, cancellationToken);
        return connection is not null && await connection.SendAsync(data, cancellationToken);
    }

    private async ValueTask<SipTcpConnection?> GetOrConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested || !_options.EnableTcp)
        {
            return null;
        }

        var pending = _pendingConnects.GetOrAdd(remote, r => new Lazy<Task<SipTcpConnection?>>(() => ConnectAsync(r)));
        try
        {
            return await pending.Value.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        finally
        {
            _pendingConnects.TryRemove(KeyValuePair.Create(remote, pending));
        }
    }

    private async Task<SipTcpConnection?> ConnectAsync(IPEndPoint remote)
    {
        if (_connectionsByRemote.TryGetValue(remote, out var existing) && existing.IsOpen)
        {
            return existing;
        }

        if (_connectionsById.Count >= _options.MaxTcpConnections)
        {
            _metrics.Refused("connections");
            SipTransportLog.ConnectFailed(_logger, remote, "connection limit reached", null);
            return null;
        }

        if (Interlocked.Increment(ref _pendingConnectCount) > _options.MaxPendingConnects)
        {
            Interlocked.Decrement(ref _pendingConnectCount);
            _metrics.Refused("pending-connects");
            SipTransportLog.ConnectFailed(_logger, remote, "too many connects in progress", null);
            return null;
        }

        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (LocalAddressFor(remote.AddressFamily) is { } localAddress)
            {
                socket.Bind(new IPEndPoint(localAddress, 0)); // leave from the address we listen on (our Via sent-by)
            }

            using var timeout = new CancellationTokenSource(_options.TcpConnectTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
            await socket.ConnectAsync(remote, linked.Token);
            var connection = new SipTcpConnection(Interlocked.Increment(ref _nextConnectionId), socket, accepted: false, _timeProvider);
            Register(connection);
            return connection;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Dispose();
            SipTransportLog.ConnectFailed(_logger, remote, ex is OperationCanceledException ? "timed out" : "socket error", ex);
            return null;
        }
        catch (Exception ex)
        {
            socket.Dispose();
            ReportBug("tcp-connect", ex);
            return null;
        }
        finally
        {
            Interlocked.Decrement(ref _pendingConnectCount);
        }
    }

    /// <summary>The specific address of a TCP listener of this family, or null when we listen on a wildcard (let the
    /// OS choose).</summary>
    private IPAddress? LocalAddressFor(AddressFamily family)
    {
        foreach (var (socket, _) in _tcpListeners)
        {
            if (socket.LocalEndPoint is IPEndPoint bound && bound.AddressFamily == family
                && !bound.Address.Equals(IPAddress.Any) && !bound.Address.Equals(IPAddress.IPv6Any))
            {
                return bound.Address;
            }
        }

        return null;
    }

    private void StartIdleSweep()
    {
        var timeout = _options.TcpIdleTimeout;
        if (timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond * 30));
        _idleTimer = _timeProvider.CreateTimer(_ => SweepIdleConnections(), null, period, period);
    }

    private void SweepIdleConnections()
    {
        try
        {
            var now = _timeProvider.GetTimestamp();
            foreach (var connection in _connectionsById.Values)
            {
                var idle = _timeProvider.GetElapsedTime(connection.LastActivity, now);
                if (idle >= _options.TcpIdleTimeout && connection.Close())
                {
                    SipTransportLog.ConnectionIdleClosed(_logger, connection.Id, connection.Remote, idle);
                }
            }
        }
        catch (Exception ex)
        {
            ReportBug("tcp-idle-sweep", ex);
        }
    }
}
