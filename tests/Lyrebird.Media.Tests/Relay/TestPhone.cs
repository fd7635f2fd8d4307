using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Lyrebird.Media.Tests.Relay;

/// <summary>A "phone": a plain UDP socket on loopback that sends and receives RTP (and optionally RTCP).</summary>
internal sealed class TestPhone : IDisposable
{
    private static readonly TimeSpan ReceiveBound = TimeSpan.FromSeconds(5);

    public TestPhone(int port = 0)
    {
        Socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        Socket.ReceiveTimeout = (int)ReceiveBound.TotalMilliseconds;
        Socket.ReceiveBufferSize = 1 << 20;
    }

    public Socket Socket { get; }

    public IPEndPoint EndPoint => (IPEndPoint)Socket.LocalEndPoint!;

    public uint Ssrc { get; init; } = 0x11223344;

    public static byte[] Rtp(ushort sequence, uint ssrc, int payloadLength = 160, byte payloadType = 0)
    {
        var packet = new byte[12 + payloadLength];
        packet[0] = 0x80;
        packet[1] = payloadType;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 160u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        for (int i = 0; i < payloadLength; i++)
        {
            packet[12 + i] = (byte)(sequence + i);
        }

        return packet;
    }

    /// <summary>A minimal RTCP receiver report (PT 201) with no report blocks.</summary>
    public static byte[] Rtcp(uint ssrc)
    {
        var packet = new byte[8];
        packet[0] = 0x80;
        packet[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        return packet;
    }

    public void SendTo(byte[] packet, int port) => Socket.SendTo(packet, new IPEndPoint(IPAddress.Loopback, port));

    public void SendRtp(ushort sequence, int port) => SendTo(Rtp(sequence, Ssrc), port);

    /// <summary>Receives one datagram, failing the test after a generous bound.</summary>
    public byte[] Receive() => Receive(out _);

    public byte[] Receive(out IPEndPoint from)
    {
        var buffer = new byte[2048];
        EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
        int length = Socket.ReceiveFrom(buffer, ref remote);
        from = (IPEndPoint)remote;
        return buffer[..length];
    }

    public static ushort Sequence(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));

    public void Dispose() => Socket.Dispose();
}
