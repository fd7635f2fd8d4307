using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.Writing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyrebird.Sip.Transport;

/// <summary>
/// The SIP transport layer (RFC 3261 §18): UDP sockets and TCP listeners on the configured endpoints, a stateless
/// ingress pipeline (parse, reject with a stateless response, stamp received/rport) and the sending side
/// (<see cref="ISipMessageSender"/>) with RFC 3261 §18.2.2 / RFC 3581 response routing and TCP connection reuse.
/// Split by concern: this file (lifecycle, sending), <c>.Ingress.cs</c>, <c>.Udp.cs</c>, <c>.Tcp.cs</c>.
/// </summary>
/// <remarks>
/// Threads: one receive loop per UDP socket, one accept loop per TCP listener, one read loop per TCP connection, all
/// async on the thread pool. <see cref="ISipMessageHandler.OnMessage"/> is called inline on those loops (messages of one
/// connection or one UDP socket are delivered in order). Sends may come from any thread.
/// </remarks>
public sealed partial class SipTransportLayer : ISipMessageSender, IAsyncDisposable
{
    private readonly SipTransportOptions _options;
    private readonly SipLimits _limits;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SipTransportMetrics _metrics;
    private readonly ErrorLogLimiter _errorLogLimiter;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<SipUdpListener> _udpListeners = [];
    private readonly List<(Socket Socket, Task Loop)> _tcpListeners = [];
    private readonly List<IPEndPoint> _localEndpoints = [];
    private ISipMessageHandler _handler = NullHandler.Instance;
    private int _state; // 0 new, 1 started, 2 stopped

    /// <param name="options">Endpoints, limits, timeouts.</param>
    /// <param name="logger">Null for no logging.</param>
    /// <param name="meterFactory">Creates the <c>Lyrebird.Sip</c> meter; null creates an unscoped one.</param>
    /// <param name="timeProvider">Clock for idle timeouts and connect timeouts; null is <see cref="TimeProvider.System"/>.</param>
    public SipTransportLayer(SipTransportOptions options, ILogger<SipTransportLayer>? logger = null, IMeterFactory? meterFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _limits = options.Limits;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _metrics = new SipTransportMetrics(meterFactory);
        _errorLogLimiter = new ErrorLogLimiter(_timeProvider, options.MaxErrorLogsPerMinute);
    }

    /// <summary>The endpoints actually bound (port 0 in the options resolved), in configuration order. UDP and TCP
    /// of one endpoint share its port.</summary>
    public IReadOnlyList<IPEndPoint> LocalEndpoints => _localEndpoints;

    /// <summary>Open TCP connections (accepted and outgoing).</summary>
    public int TcpConnectionCount => _connectionsById.Count;

    /// <summary>
    /// Binds every endpoint (UDP and TCP on the same port) and starts the receive loops. Throws
    /// <see cref="SocketException"/> when an endpoint cannot be bound and <see cref="FormatException"/> for an
    /// endpoint that is not an IP endpoint; on failure nothing stays bound.
    /// </summary>
    /// <param name="handler">Receives every accepted inbound message (passed here rather than to the constructor so
    /// that the transaction layer can be built on top of this sender first).</param>
    public Task StartAsync(ISipMessageHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The SIP transport can be started once.");
        }

        if (!_options.EnableUdp && !_options.EnableTcp)
        {
            throw new InvalidOperationException("Enable UDP, TCP or both.");
        }

        _handler = handler;
        var endpoints = _options.Endpoints.Count == 0 ? ["0.0.0.0:" + SipTransportOptions.DefaultPort] : _options.Endpoints;
        try
        {
            foreach (var text in endpoints)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IPEndPoint.TryParse(text, out var endpoint))
                {
                    throw new FormatException($"SIP transport endpoint '{text}' is not an IP endpoint such as 127.0.0.1:5060 or [::1]:5060.");
                }

                Bind(endpoint);
            }
        }
        catch
        {
            CloseListeners();
            _udpListeners.Clear();
            _tcpListeners.Clear();
            _localEndpoints.Clear();
            _state = 2;
            throw;
        }

        foreach (var udp in _udpListeners)
        {
            udp.ReceiveLoop = RunUdpReceiveLoopAsync(udp);
            SipTransportLog.Listening(_logger, "UDP", udp.Bound);
        }

        for (var i = 0; i < _tcpListeners.Count; i++)
        {
            var socket = _tcpListeners[i].Socket;
            _tcpListeners[i] = (socket, RunAcceptLoopAsync(socket));
            SipTransportLog.Listening(_logger, "TCP", (IPEndPoint)socket.LocalEndPoint!);
        }

        if (_options.EnableTcp)
        {
            StartIdleSweep();
        }

        return Task.CompletedTask;
    }

    /// <summary>Closes the sockets and every TCP connection and waits for the loops to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _idleTimer?.Dispose();
        CloseListeners();
        var connections = _connectionsById.Values.ToArray();
        foreach (var connection in connections)
        {
            connection.Close();
        }

        var loops = _udpListeners.Select(l => l.ReceiveLoop).Concat(_tcpListeners.Select(l => l.Loop))
            .Concat(connections.Select(c => c.ReadLoop)).OfType<Task>().ToArray();
        try
        {
            await Task.WhenAll(loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the caller gave up waiting; the sockets are closed already
        }

        SipTransportLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _state) == 1)
        {
            await StopAsync();
        }

        _state = 2;
        _metrics.Dispose();
        // _stopping is left undisposed: late SendAsync calls still read its (cancelled) token.
    }

    /// <inheritdoc />
    public async ValueTask<bool> SendAsync(SipMessage message, SipFlow flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new PooledBufferWriter();
        if (!TrySerialize(message, buffer))
        {
            return false;
        }

        return flow.Transport switch
        {
            SipTransportKind.Udp => await SendUdpAsync(buffer.WrittenMemory, flow.Local, SipAddresses.Normalize(flow.Remote), cancellationToken),
            SipTransportKind.Tcp => await SendTcpAsync(buffer.WrittenMemory, flow.ConnectionId, SipAddresses.Normalize(flow.Remote), cancellationToken),
            _ => NotSupported(flow),
        };
    }

    /// <inheritdoc />
    public async ValueTask<bool> SendResponseAsync(SipResponse response, SipFlow requestFlow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var buffer = new PooledBufferWriter();
        if (!TrySerialize(response, buffer))
        {
            return false;
        }

        var via = response.TopVia;
        switch (requestFlow.Transport)
        {
            case SipTransportKind.Udp:
            {
                var target = SipResponseRouting.Unreliable(via, SipAddresses.Normalize(requestFlow.Remote));
                if (target is null)
                {
                    SipTransportLog.NoResponseRoute(_logger, response.StatusCode);
                    return false;
                }

                return await SendUdpAsync(buffer.WrittenMemory, requestFlow.Local, target, cancellationToken);
            }

            case SipTransportKind.Tcp:
            {
                // §18.2.2: the connection the request came on, if still open; else connect to received/sent-by.
                if (requestFlow.ConnectionId != 0 && _connectionsById.TryGetValue(requestFlow.ConnectionId, out var connection) && connection.IsOpen
                    && await connection.SendAsync(buffer.WrittenMemory, cancellationToken))
                {
                    return true;
                }

                var target = SipResponseRouting.Reliable(via, SipAddresses.Normalize(requestFlow.Remote));
                if (target is null)
                {
                    SipTransportLog.NoResponseRoute(_logger, response.StatusCode);
                    return false;
                }

                return await SendTcpAsync(buffer.WrittenMemory, 0, target, cancellationToken);
            }

            default:
                return NotSupported(requestFlow);
        }
    }

    private bool NotSupported(SipFlow flow)
    {
        SipTransportLog.TransportNotSupported(_logger, flow.Transport, flow);
        return false;
    }

    private bool TrySerialize(SipMessage message, PooledBufferWriter buffer)
    {
        try
        {
            SipMessageWriter.Write(message, buffer);
            return true;
        }
        catch (Exception ex)
        {
            ReportBug("serialize", ex);
            return false;
        }
    }

    private void ReportBug(string where, Exception exception)
    {
        _metrics.Error(where);
        if (_errorLogLimiter.TryAcquire())
        {
            SipTransportLog.InternalError(_logger, where, exception);
        }
    }

    private void CloseListeners()
    {
        foreach (var udp in _udpListeners)
        {
            udp.Socket.Dispose();
        }

        foreach (var (socket, _) in _tcpListeners)
        {
            socket.Dispose();
        }
    }

    /// <summary>Binds UDP and TCP on one endpoint, on the same port (retrying a few times when port 0 gave a UDP port
    /// that is taken for TCP).</summary>
    private void Bind(IPEndPoint endpoint)
    {
        for (var attempt = 0; ; attempt++)
        {
            Socket? udp = null;
            Socket? tcp = null;
            try
            {
                var port = endpoint.Port;
                if (_options.EnableUdp)
                {
                    udp = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                    ConfigureFamily(udp, endpoint);
                    if (_options.UdpSocketReceiveBufferBytes > 0)
                    {
                        udp.ReceiveBufferSize = _options.UdpSocketReceiveBufferBytes;
                    }

                    udp.Bind(endpoint);
                    port = ((IPEndPoint)udp.LocalEndPoint!).Port;
                }

                if (_options.EnableTcp)
                {
                    tcp = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    ConfigureFamily(tcp, endpoint);
                    tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                    tcp.NoDelay = true;
                    tcp.Bind(new IPEndPoint(endpoint.Address, port));
                    tcp.Listen(512);
                    port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
                }

                if (udp is not null)
                {
                    _udpListeners.Add(new SipUdpListener(udp, (IPEndPoint)udp.LocalEndPoint!));
                }

                if (tcp is not null)
                {
                    _tcpListeners.Add((tcp, Task.CompletedTask));
                }

                _localEndpoints.Add(new IPEndPoint(endpoint.Address, port));
                return;
            }
            catch (SocketException ex) when (endpoint.Port == 0 && attempt < 10 && ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                udp?.Dispose();
                tcp?.Dispose();
            }
            catch
            {
                udp?.Dispose();
                tcp?.Dispose();
                throw;
            }
        }
    }

    private static void ConfigureFamily(Socket socket, IPEndPoint endpoint)
    {
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = false; // [::] must not take the IPv4 port too
        }
    }

    private sealed class NullHandler : ISipMessageHandler
    {
        public static readonly NullHandler Instance = new();

        public void OnMessage(SipMessage message, SipFlow flow)
        {
        }
    }
}
