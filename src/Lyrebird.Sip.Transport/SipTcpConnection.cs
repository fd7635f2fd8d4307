using System.Net;
using System.Net.Sockets;

namespace Lyrebird.Sip.Transport;

/// <summary>
/// One TCP connection (an RFC 5626 flow). Reads happen only on its read loop (in
/// <see cref="SipTransportLayer"/>.Tcp.cs); writes of whole messages are serialised by a lock so they never
/// interleave. <see cref="Close"/> is idempotent and may be called from any thread.
/// </summary>
internal sealed class SipTcpConnection : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private readonly TimeProvider _timeProvider;
    private long _lastActivity;
    private int _isClosed;

    public SipTcpConnection(long id, Socket socket, bool accepted, TimeProvider timeProvider)
    {
        Id = id;
        Socket = socket;
        Accepted = accepted;
        _timeProvider = timeProvider;
        Local = SipAddresses.Normalize((IPEndPoint)socket.LocalEndPoint!);
        Remote = SipAddresses.Normalize((IPEndPoint)socket.RemoteEndPoint!);
        Stream = new NetworkStream(socket, ownsSocket: true);
        Flow = new SipFlow(SipTransportKind.Tcp, Local, Remote, id);
        Touch();
    }

    public long Id { get; }

    public Socket Socket { get; }

    public NetworkStream Stream { get; }

    public bool Accepted { get; }

    public IPEndPoint Local { get; }

    public IPEndPoint Remote { get; }

    public SipFlow Flow { get; }

    public bool IsOpen => Volatile.Read(ref _isClosed) == 0;

    /// <summary>Cancelled when the connection closes.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>The read loop, once started.</summary>
    public Task? ReadLoop { get; set; }

    public long LastActivity => Volatile.Read(ref _lastActivity);

    public void Touch() => Volatile.Write(ref _lastActivity, _timeProvider.GetTimestamp());

    /// <summary>Writes one whole message (or a keep-alive). False when the connection is or becomes closed.</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return false;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        try
        {
            await _writeLock.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            await Stream.WriteAsync(data, linked.Token);
            Touch();
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                Close();
            }

            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Stops sending (FIN after queued data) but keeps reading, so a final error response reaches the peer.</summary>
    public void ShutdownSend()
    {
        try
        {
            Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // already gone
        }
    }

    /// <returns>True for the call that actually closed it.</returns>
    public bool Close()
    {
        if (Interlocked.Exchange(ref _isClosed, 1) != 0)
        {
            return false;
        }

        try
        {
            _closed.Cancel();
        }
        catch (AggregateException)
        {
            // a registration callback threw; nothing to do here
        }

        Stream.Dispose(); // owns and disposes the socket
        return true;
    }

    /// <summary>Same as <see cref="Close"/>. The write lock and the cancellation source are left to the GC: a send
    /// racing with the close may still touch them.</summary>
    public void Dispose() => Close();
}
