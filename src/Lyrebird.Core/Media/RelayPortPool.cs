using System.Net;
using System.Net.Sockets;

namespace Lyrebird.Core.Media;

/// <summary>
/// The even/odd UDP port pairs of a range (RTP on the even port, RTCP on the next, RFC 3550 §11), handed out as bound
/// sockets. A pair whose ports another program holds is skipped and retried later. Thread-safe.
/// </summary>
internal sealed class RelayPortPool
{
    private readonly Lock _lock = new();
    private readonly Queue<int> _free = new();
    private readonly IPAddress _bindAddress;

    public RelayPortPool(IPAddress bindAddress, int low, int high)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(low, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(high, 65535);
        _bindAddress = bindAddress;
        for (var port = low + (low & 1); port + 1 <= high; port += 2)
        {
            _free.Enqueue(port);
        }

        Capacity = _free.Count;
    }

    public int Capacity { get; }

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

    /// <summary>A bound RTP/RTCP socket pair, or null when no pair in the range can be bound.</summary>
    public (Socket Rtp, Socket Rtcp, int Port)? Rent()
    {
        int attempts;
        lock (_lock)
        {
            attempts = _free.Count;
        }

        for (var i = 0; i < attempts; i++)
        {
            int port;
            lock (_lock)
            {
                if (!_free.TryDequeue(out port))
                {
                    return null;
                }
            }

            var rtp = TryBind(port);
            var rtcp = rtp is null ? null : TryBind(port + 1);
            if (rtp is not null && rtcp is not null)
            {
                return (rtp, rtcp, port);
            }

            rtp?.Dispose();
            Return(port); // in use by someone else: back of the queue
        }

        return null;
    }

    public void Return(int port)
    {
        lock (_lock)
        {
            _free.Enqueue(port);
        }
    }

    private Socket? TryBind(int port)
    {
        var socket = new Socket(_bindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(_bindAddress, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
