using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Lyrebird.Sip.Headers;

/// <summary>
/// One header field value. For a list header (Via, Contact, Route, …) the parser stores each comma-separated value as
/// its own <see cref="SipHeader"/>, in order. The value is UTF-8 bytes without surrounding whitespace, with line folding
/// already replaced by single spaces where the parser had to unfold.
/// </summary>
/// <remarks>16 bytes: the memory's owner (array or <see cref="MemoryManager{T}"/>, wrapped with the name for unknown
/// headers) and one packed word holding offset, length and <see cref="HeaderId"/>. Keeping it small keeps a parsed
/// message's header array small (a snom INVITE has ~35 values once Allow/Supported are split).</remarks>
public readonly struct SipHeader
{
    private const int MaxLength = (1 << 24) - 1;

    private readonly object? _owner;
    private readonly long _packed; // bits 0–31 offset, 32–55 length, 56–63 id

    public SipHeader(HeaderId id, ReadOnlyMemory<byte> rawValue)
    {
        if (id == HeaderId.Unknown)
        {
            throw new ArgumentException("Use the constructor taking a name for unknown headers.", nameof(id));
        }

        (_owner, _packed) = Pack(id, rawValue);
    }

    /// <summary>A header by name: known names (long or compact) map to their <see cref="HeaderId"/>.</summary>
    public SipHeader(string name, ReadOnlyMemory<byte> rawValue)
    {
        var id = KnownHeaders.Lookup(name);
        (_owner, _packed) = Pack(id, rawValue);
        if (id == HeaderId.Unknown)
        {
            _owner = new UnknownName(name, _owner);
        }
    }

    /// <summary>For the parser: a name already looked up and found unknown.</summary>
    internal SipHeader(ReadOnlyMemory<byte> rawValue, string unknownName)
    {
        (_owner, _packed) = Pack(HeaderId.Unknown, rawValue);
        _owner = new UnknownName(unknownName, _owner);
    }

    /// <summary>For the parser: a value that is <paramref name="length"/> bytes at <paramref name="offset"/> of
    /// <paramref name="owner"/> (the datagram's array or memory manager, found once per message rather than once per
    /// value); <paramref name="unknownName"/> is the name as received when <paramref name="id"/> is Unknown.</summary>
    internal SipHeader(HeaderId id, object? owner, int offset, int length, string? unknownName = null)
    {
        if (length > MaxLength)
        {
            throw new ArgumentException("A header value is limited to 16 MiB.", nameof(length));
        }

        _owner = unknownName is null ? owner : new UnknownName(unknownName, owner);
        _packed = (uint)offset | ((long)length << 32) | ((long)id << 56);
    }

    public SipHeader(HeaderId id, string value) : this(id, Encoding.UTF8.GetBytes(value))
    {
    }

    public SipHeader(string name, string value) : this(name, Encoding.UTF8.GetBytes(value))
    {
    }

    public HeaderId Id => (HeaderId)(byte)((ulong)_packed >> 56);

    /// <summary>The canonical name for known headers, the name as received for others.</summary>
    public string Name => _owner is UnknownName u ? u.Name : KnownHeaders.NameOf(Id);

    public ReadOnlyMemory<byte> RawValue
    {
        get
        {
            var owner = _owner is UnknownName u ? u.Owner : _owner;
            var offset = (int)(uint)_packed;
            var length = (int)((_packed >> 32) & MaxLength);
            return owner switch
            {
                byte[] array => new ReadOnlyMemory<byte>(array, offset, length),
                MemoryManager<byte> manager => manager.Memory.Slice(offset, length),
                _ => default,
            };
        }
    }

    /// <summary>The value decoded as UTF-8 (allocates).</summary>
    public string Value => Encoding.UTF8.GetString(RawValue.Span);

    public bool Is(string name) =>
        Id != HeaderId.Unknown ? Id == KnownHeaders.Lookup(name) : string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Name}: {Value}";

    private static (object? Owner, long Packed) Pack(HeaderId id, ReadOnlyMemory<byte> value)
    {
        object? owner = null;
        int offset = 0, length = 0;
        if (MemoryMarshal.TryGetArray(value, out var segment))
        {
            owner = segment.Array;
            offset = segment.Offset;
            length = segment.Count;
        }
        else if (MemoryMarshal.TryGetMemoryManager(value, out MemoryManager<byte>? manager, out var start, out var count))
        {
            owner = manager;
            offset = start;
            length = count;
        }

        if (length > MaxLength)
        {
            throw new ArgumentException("A header value is limited to 16 MiB.", nameof(value));
        }

        return (owner, (uint)offset | ((long)length << 32) | ((long)id << 56));
    }

    private sealed class UnknownName(string name, object? owner)
    {
        public string Name { get; } = name;

        public object? Owner { get; } = owner;
    }
}
