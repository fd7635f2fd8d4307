using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Transport.Tests.TestSupport;

/// <summary>A UDP "phone" on loopback.</summary>
internal sealed class UdpPeer : IDisposable
{
    public UdpPeer(IPAddress address)
    {
        Socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        Socket.Bind(new IPEndPoint(address, 0));
    }

    public Socket Socket { get; }

    public IPEndPoint Local => (IPEndPoint)Socket.LocalEndPoint!;

    public Task SendAsync(string text, IPEndPoint to) => SendAsync(SipText.Bytes(text), to);

    public async Task SendAsync(byte[] data, IPEndPoint to) => await Socket.SendToAsync(data, SocketFlags.None, to);

    public async Task<string> ReceiveAsync()
    {
        var buffer = new byte[70_000];
        using var cts = new CancellationTokenSource(RecordingHandler.Deadline);
        var result = await Socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(Local.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), cts.Token);
        return SipText.Text(buffer.AsSpan(0, result.ReceivedBytes));
    }

    public void Dispose() => Socket.Dispose();
}

/// <summary>A TCP "phone": a connected socket that reads whole SIP messages with <see cref="SipFramer"/>.</summary>
internal sealed class TcpPeer : IDisposable
{
    private readonly List<byte> _received = [];
    private readonly byte[] _chunk = new byte[8192];

    public TcpPeer(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public IPEndPoint Local => (IPEndPoint)Socket.LocalEndPoint!;

    public static async Task<TcpPeer> ConnectAsync(IPEndPoint to)
    {
        var socket = new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(to);
        return new TcpPeer(socket);
    }

    public Task SendAsync(string text) => SendAsync(SipText.Bytes(text));

    public async Task SendAsync(byte[] data)
    {
        var sent = 0;
        while (sent < data.Length)
        {
            sent += await Socket.SendAsync(data.AsMemory(sent), SocketFlags.None);
        }
    }

    /// <summary>The next whole SIP message, or null when the transport closed the connection first.</summary>
    public async Task<string?> ReceiveMessageAsync()
    {
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(_received.ToArray());
            if (SipFramer.TryFrame(buffer, SipLimits.Default, out var frame) == OperationStatus.Done && frame.Kind == SipFrameKind.Message)
            {
                _received.RemoveRange(0, (int)buffer.GetOffset(frame.Consumed));
                return SipText.Text(frame.Message.ToArray());
            }

            if (await ReadMoreAsync() == 0)
            {
                return null;
            }
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> raw bytes (e.g. a CRLF pong).</summary>
    public async Task<byte[]> ReceiveBytesAsync(int count)
    {
        while (_received.Count < count)
        {
            if (await ReadMoreAsync() == 0)
            {
                break;
            }
        }

        var taken = _received.Take(count).ToArray();
        _received.RemoveRange(0, taken.Length);
        return taken;
    }

    /// <summary>True when the transport closed the connection (EOF or reset) before any more bytes came.</summary>
    public async Task<bool> IsClosedByPeerAsync()
    {
        try
        {
            return await ReadMoreAsync() == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private async Task<int> ReadMoreAsync()
    {
        using var cts = new CancellationTokenSource(RecordingHandler.Deadline);
        var n = await Socket.ReceiveAsync(_chunk, SocketFlags.None, cts.Token);
        _received.AddRange(_chunk.AsSpan(0, n));
        return n;
    }

    public void Dispose() => Socket.Dispose();
}
