using System.Collections;

namespace Lyrebird.Sip.Headers;

/// <summary>
/// Ordered <c>;name=value</c> parameters of a URI or header (RFC 3261 §19.1.1, §25.1 generic-param). Names compare
/// case-insensitively; a parameter without a value (<c>;lr</c>, <c>;rport</c>) has a null value. Values are stored as
/// written (a quoted-string keeps its quotes).
/// </summary>
public sealed class SipParameters : IReadOnlyList<KeyValuePair<string, string?>>
{
    private KeyValuePair<string, string?>[] _items = [];
    private int _count;

    public int Count => _count;

    public KeyValuePair<string, string?> this[int index] =>
        (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of a parameter; null when absent or when it has no value (use <see cref="Contains"/>).</summary>
    public string? this[string name]
    {
        get
        {
            var i = IndexOf(name);
            return i >= 0 ? _items[i].Value : null;
        }
    }

    /// <summary>Adds or replaces a parameter, keeping its position when it exists.</summary>
    public void Set(string name, string? value)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            _items[i] = new(_items[i].Key, value);
        }
        else
        {
            Add(name, value);
        }
    }

    /// <summary>Appends without checking for duplicates (the parser keeps what it read).</summary>
    public void Add(string name, string? value)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(2, _count * 2));
        }

        _items[_count++] = new(name, value);
    }

    public bool Remove(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            return false;
        }

        _count--;
        Array.Copy(_items, i + 1, _items, i, _count - i);
        _items[_count] = default;
        return true;
    }

    public int IndexOf(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public SipParameters Clone()
    {
        var copy = new SipParameters();
        copy._items = _count == 0 ? [] : _items[.._count];
        copy._count = _count;
        return copy;
    }

    /// <summary>Writes <c>;name=value</c> for each parameter, in order.</summary>
    public override string ToString()
    {
        if (_count == 0)
        {
            return string.Empty;
        }

        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < _count; i++)
        {
            var (name, value) = _items[i];
            sb.Append(';').Append(name);
            if (value is not null)
            {
                sb.Append('=').Append(value);
            }
        }

        return sb.ToString();
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
