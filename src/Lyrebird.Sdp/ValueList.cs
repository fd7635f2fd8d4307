using System.Collections;

// CA1000: Empty/Of mirror ImmutableArray<T>.
#pragma warning disable CA1000

namespace Lyrebird.Sdp;

/// <summary>
/// An immutable list with value equality (element by element), so that the SDP records compare by content:
/// <c>SdpParser.Parse(SdpWriter.Write(x)) == x</c> holds for whole descriptions.
/// </summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    public ValueList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        this.items = items.ToArray();
    }

    private ValueList(T[] items, bool _) => this.items = items;

    public static ValueList<T> Empty { get; } = new([], false);

    public int Count => items.Length;

    public T this[int index] => items[index];

    public static ValueList<T> Of(params T[] items) => items.Length == 0 ? Empty : new((T[])items.Clone(), false);

    /// <summary>A copy with <paramref name="item"/> appended.</summary>
    public ValueList<T> Add(T item) => new([.. items, item], false);

    /// <summary>A copy with the element at <paramref name="index"/> replaced.</summary>
    public ValueList<T> SetItem(int index, T item)
    {
        var copy = (T[])items.Clone();
        copy[index] = item;
        return new(copy, false);
    }

    /// <summary>A copy without the elements matching <paramref name="remove"/> (this instance when none match).</summary>
    public ValueList<T> RemoveAll(Func<T, bool> remove)
    {
        ArgumentNullException.ThrowIfNull(remove);
        if (!items.Any(remove))
        {
            return this;
        }

        return new(items.Where(i => !remove(i)).ToArray(), false);
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public bool Equals(ValueList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || items.AsSpan().SequenceEqual(other.items, EqualityComparer<T>.Default));

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", items) + "]";
}

/// <summary>Factory helpers for <see cref="ValueList{T}"/>.</summary>
public static class ValueList
{
    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => new(items);
}
