using System.Text;

namespace Lyrebird.Sip.Headers;

/// <summary>
/// One header field value. For a list header (Via, Contact, Route, …) the parser stores each comma-separated value as
/// its own <see cref="SipHeader"/>, in order. The value is UTF-8 bytes without surrounding whitespace, with line folding
/// already replaced by single spaces where the parser had to unfold.
/// </summary>
public readonly struct SipHeader
{
    private readonly string? _unknownName;

    public SipHeader(HeaderId id, ReadOnlyMemory<byte> rawValue)
    {
        if (id == HeaderId.Unknown)
        {
            throw new ArgumentException("Use the constructor taking a name for unknown headers.", nameof(id));
        }

        Id = id;
        RawValue = rawValue;
        _unknownName = null;
    }

    /// <summary>A header by name: known names (long or compact) map to their <see cref="HeaderId"/>.</summary>
    public SipHeader(string name, ReadOnlyMemory<byte> rawValue)
    {
        Id = KnownHeaders.Lookup(name);
        _unknownName = Id == HeaderId.Unknown ? name : null;
        RawValue = rawValue;
    }

    /// <summary>For the parser: a name already looked up and found unknown.</summary>
    internal SipHeader(ReadOnlyMemory<byte> rawValue, string unknownName)
    {
        Id = HeaderId.Unknown;
        _unknownName = unknownName;
        RawValue = rawValue;
    }

    public SipHeader(HeaderId id, string value) : this(id, Encoding.UTF8.GetBytes(value))
    {
    }

    public SipHeader(string name, string value) : this(name, Encoding.UTF8.GetBytes(value))
    {
    }

    public HeaderId Id { get; }

    /// <summary>The canonical name for known headers, the name as received for others.</summary>
    public string Name => _unknownName ?? KnownHeaders.NameOf(Id);

    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>The value decoded as UTF-8 (allocates).</summary>
    public string Value => Encoding.UTF8.GetString(RawValue.Span);

    public bool Is(string name) =>
        Id != HeaderId.Unknown ? Id == KnownHeaders.Lookup(name) : string.Equals(_unknownName, name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Name}: {Value}";
}
