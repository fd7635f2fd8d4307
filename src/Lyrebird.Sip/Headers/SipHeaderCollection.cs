using System.Collections;
using System.Text;

namespace Lyrebird.Sip.Headers;

/// <summary>The headers of a message, in order. List headers hold one entry per comma-separated value.</summary>
public sealed class SipHeaderCollection : IReadOnlyList<SipHeader>
{
    private SipHeader[] _items;
    private int _count;

    public SipHeaderCollection(int capacity = 16) => _items = capacity == 0 ? [] : new SipHeader[capacity];

    /// <summary>For the parser: takes the first <paramref name="count"/> entries of a scratch buffer, into an array of
    /// exactly that size.</summary>
    internal SipHeaderCollection(ReadOnlySpan<SipHeader> items)
    {
        _items = items.ToArray();
        _count = items.Length;
    }

    public int Count => _count;

    public SipHeader this[int index] => (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(SipHeader header)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(8, _count * 2));
        }

        _items[_count++] = header;
    }

    public void Add(HeaderId id, string value) => Add(new SipHeader(id, value));

    public void Add(string name, string value) => Add(new SipHeader(name, value));

    /// <summary>Inserts at <paramref name="index"/> (0 puts a Via on top).</summary>
    public void Insert(int index, SipHeader header)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)_count, nameof(index));
        Add(header);
        Array.Copy(_items, index, _items, index + 1, _count - 1 - index);
        _items[index] = header;
    }

    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        _count--;
        Array.Copy(_items, index + 1, _items, index, _count - index);
        _items[_count] = default;
    }

    /// <summary>Removes every value of a header; returns how many were removed.</summary>
    public int RemoveAll(HeaderId id)
    {
        var removed = 0;
        for (var i = _count - 1; i >= 0; i--)
        {
            if (_items[i].Id == id)
            {
                RemoveAt(i);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Removes every value of a header given by name (known or not).</summary>
    public int RemoveAll(string name)
    {
        var removed = 0;
        for (var i = _count - 1; i >= 0; i--)
        {
            if (_items[i].Is(name))
            {
                RemoveAt(i);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Replaces all values of a header by one value, keeping the position of the first (or appending).</summary>
    public void Set(HeaderId id, string value)
    {
        var header = new SipHeader(id, value);
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Id == id)
            {
                _items[i] = header;
                for (var j = _count - 1; j > i; j--)
                {
                    if (_items[j].Id == id)
                    {
                        RemoveAt(j);
                    }
                }

                return;
            }
        }

        Add(header);
    }

    public bool Contains(HeaderId id) => IndexOf(id) >= 0;

    public int IndexOf(HeaderId id, int start = 0)
    {
        for (var i = start; i < _count; i++)
        {
            if (_items[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    public bool TryGetFirst(HeaderId id, out SipHeader header)
    {
        var i = IndexOf(id);
        header = i >= 0 ? _items[i] : default;
        return i >= 0;
    }

    public bool TryGetFirst(string name, out SipHeader header)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Is(name))
            {
                header = _items[i];
                return true;
            }
        }

        header = default;
        return false;
    }

    /// <summary>The first value of a header decoded as a string, or null when absent.</summary>
    public string? GetFirstValue(HeaderId id) => TryGetFirst(id, out var h) ? h.Value : null;

    public string? GetFirstValue(string name) => TryGetFirst(name, out var h) ? h.Value : null;

    public int CountOf(HeaderId id)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Id == id)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>All values of one header, in order.</summary>
    public IEnumerable<SipHeader> GetAll(HeaderId id)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Id == id)
            {
                yield return _items[i];
            }
        }
    }

    public IEnumerable<SipHeader> GetAll(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Is(name))
            {
                yield return _items[i];
            }
        }
    }

    /// <summary>Copies every value of <paramref name="id"/> from another collection, in order (e.g. Via into a response).</summary>
    public void CopyFrom(SipHeaderCollection source, HeaderId id)
    {
        for (var i = 0; i < source._count; i++)
        {
            if (source._items[i].Id == id)
            {
                Add(source._items[i]);
            }
        }
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<SipHeader> IEnumerable<SipHeader>.GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<SipHeader>)this).GetEnumerator();

    public override string ToString()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < _count; i++)
        {
            sb.Append(_items[i].ToString()).Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>Allocation-free enumerator.</summary>
    public struct Enumerator(SipHeaderCollection owner)
    {
        private int _index = -1;

        public readonly SipHeader Current => owner._items[_index];

        public bool MoveNext() => ++_index < owner._count;
    }
}
