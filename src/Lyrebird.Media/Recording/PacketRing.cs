using System.Buffers.Binary;
using System.Numerics;

namespace Lyrebird.Media.Recording;

/// <summary>
/// A bounded single-producer/single-consumer queue of variable-length packets in one preallocated byte array: the
/// producer (the relay thread's tap) copies a packet in with no allocation, no lock and no blocking; the consumer
/// (the recording writer thread) reads it in place. When full, the newest packet is dropped and the caller counts it.
/// </summary>
/// <remarks>
/// Record layout, 8-byte aligned: int32 length, int32 reserved, int64 arrival timestamp, then the packet. A record
/// never wraps: if it does not fit before the end of the array, a wrap marker (length −1) fills the rest and the
/// record starts at offset 0. <see cref="_head"/> is written only by the producer and <see cref="_tail"/> only by the
/// consumer, each published with a release write after the bytes it covers, and read by the other side with an
/// acquire read; positions grow without wrapping (64-bit) and are reduced with the mask.
/// </remarks>
internal sealed class PacketRing
{
    private const int RecordHeader = 16;
    private const int WrapMarker = -1;

    private readonly byte[] _buffer;
    private readonly int _mask;
    private long _head;
    private long _tail;

    public PacketRing(int capacityBytes)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacityBytes, 4096));
        _buffer = new byte[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _buffer.Length;

    /// <summary>Largest packet that can ever be queued.</summary>
    public int MaxPacketLength => (_buffer.Length / 4) - RecordHeader;

    /// <summary>Producer side. False when the packet does not fit (ring full or packet too large).</summary>
    public bool TryWrite(ReadOnlySpan<byte> packet, long timestamp)
    {
        if (packet.Length > MaxPacketLength)
        {
            return false;
        }

        int recordSize = (RecordHeader + packet.Length + 7) & ~7;
        long head = _head;
        long tail = Volatile.Read(ref _tail);
        int offset = (int)(head & _mask);
        int padding = offset + recordSize > _buffer.Length ? _buffer.Length - offset : 0;
        if (head + padding + recordSize - tail > _buffer.Length)
        {
            return false;
        }

        if (padding != 0)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(offset), WrapMarker);
            offset = 0;
        }

        Span<byte> record = _buffer.AsSpan(offset, recordSize);
        BinaryPrimitives.WriteInt32LittleEndian(record, packet.Length);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], timestamp);
        packet.CopyTo(record[RecordHeader..]);
        Volatile.Write(ref _head, head + padding + recordSize);
        return true;
    }

    /// <summary>Consumer side: the oldest packet, left in the queue until <see cref="Release"/>.</summary>
    public bool TryPeek(out long timestamp, out ReadOnlySpan<byte> packet)
    {
        long head = Volatile.Read(ref _head);
        long tail = _tail;
        while (tail != head)
        {
            int offset = (int)(tail & _mask);
            int length = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(offset));
            if (length == WrapMarker)
            {
                tail += _buffer.Length - offset;
                Volatile.Write(ref _tail, tail);
                continue;
            }

            timestamp = BinaryPrimitives.ReadInt64LittleEndian(_buffer.AsSpan(offset + 8));
            packet = _buffer.AsSpan(offset + RecordHeader, length);
            return true;
        }

        timestamp = 0;
        packet = default;
        return false;
    }

    /// <summary>Consumer side: removes the packet last returned by <see cref="TryPeek"/>.</summary>
    public void Release()
    {
        long tail = _tail;
        int length = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan((int)(tail & _mask)));
        Volatile.Write(ref _tail, tail + ((RecordHeader + length + 7) & ~7));
    }
}
