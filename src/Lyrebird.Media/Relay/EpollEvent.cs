using System.Runtime.InteropServices;

namespace Lyrebird.Media.Relay;

/// <summary><c>struct epoll_event</c> as glibc declares it on x86-64: packed, 12 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 12)]
internal struct EpollEvent
{
    [FieldOffset(0)]
    public uint Events;

    [FieldOffset(4)]
    public ulong Data;
}
