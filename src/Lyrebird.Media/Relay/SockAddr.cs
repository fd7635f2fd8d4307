using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Lyrebird.Media.Relay;

/// <summary>
/// A <c>sockaddr_in</c> or <c>sockaddr_in6</c> in its native layout (big enough for both), so that sources can be
/// compared and destinations passed to <c>sendto</c> without allocating.
/// IPv4: family, port, address in <see cref="Word1"/>, zeros. IPv6: family, port, flow info, address in
/// <see cref="Address0"/>/<see cref="Address1"/>, scope id.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockAddr
{
    public const int Ipv4Length = 16;
    public const int Ipv6Length = 28;

    public ushort Family;
    public ushort PortNetworkOrder;
    public uint Word1;
    public ulong Address0;
    public ulong Address1;
    public uint ScopeId;

    public readonly int Length => Family == LinuxNative.AF_INET ? Ipv4Length : Ipv6Length;

    public readonly int Port => BinaryPrimitives.ReverseEndianness(PortNetworkOrder);

    /// <summary>Same family, port and address (IPv6 flow info is ignored).</summary>
    public readonly bool SameEndpoint(in SockAddr other) =>
        Family == other.Family
        && PortNetworkOrder == other.PortNetworkOrder
        && (Family == LinuxNative.AF_INET
            ? Word1 == other.Word1
            : Address0 == other.Address0 && Address1 == other.Address1 && ScopeId == other.ScopeId);

    public static SockAddr From(IPAddress address, int port)
    {
        var result = new SockAddr { PortNetworkOrder = BinaryPrimitives.ReverseEndianness((ushort)port) };
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            result.Family = LinuxNative.AF_INET;
            address.TryWriteBytes(bytes, out _);
            result.Word1 = MemoryMarshal.Read<uint>(bytes);
        }
        else
        {
            result.Family = LinuxNative.AF_INET6;
            address.TryWriteBytes(bytes, out _);
            result.Address0 = MemoryMarshal.Read<ulong>(bytes);
            result.Address1 = MemoryMarshal.Read<ulong>(bytes.Slice(8));
            result.ScopeId = (uint)address.ScopeId;
        }

        return result;
    }

    public static SockAddr From(IPEndPoint endPoint) => From(endPoint.Address, endPoint.Port);

    /// <summary>Allocates: for the control path and diagnostics only.</summary>
    public readonly IPEndPoint ToIPEndPoint()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (Family == LinuxNative.AF_INET)
        {
            MemoryMarshal.Write(bytes, in Word1);
            return new IPEndPoint(new IPAddress(bytes[..4]), Port);
        }

        MemoryMarshal.Write(bytes, in Address0);
        MemoryMarshal.Write(bytes.Slice(8), in Address1);
        return new IPEndPoint(new IPAddress(bytes, ScopeId), Port);
    }
}
