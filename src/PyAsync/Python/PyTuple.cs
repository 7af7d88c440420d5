using System.Collections;

namespace PyAsync;

/// <summary>
/// An immutable Python tuple of arbitrary values: what <see cref="IPyException.Args"/> returns.
/// It prints as Python prints a tuple: <c>()</c>, <c>('msg',)</c>, <c>(1, 'a')</c>.
/// </summary>
public sealed class PyTuple : IReadOnlyList<object?>, IEquatable<PyTuple>, IPyTuple
{
    private readonly object?[] _items;

    /// <summary>Creates a tuple holding a copy of <paramref name="items"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    public PyTuple(params object?[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = (object?[])items.Clone();
    }

    /// <summary>The item at <paramref name="index"/>; negative indexes count from the end, as in Python.</summary>
    public object? this[int index] => _items[index < 0 ? _items.Length + index : index];

    /// <summary>Python's <c>len(t)</c>.</summary>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    IEnumerable<object?> IPyTuple.Items => _items;

    /// <summary>Item-by-item equality, as Python's <c>==</c> on tuples.</summary>
    public bool Equals(PyTuple? other) =>
        other is not null && _items.Length == other._items.Length &&
        _items.Zip(other._items).All(p => Equals(p.First, p.Second));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PyTuple t && Equals(t);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>Python's <c>repr(t)</c> (which is also its <c>str(t)</c>).</summary>
    public override string ToString() => Builtins.Repr(this);
}

/// <summary>
/// An immutable Python tuple whose items are all <typeparamref name="T"/>s, such as
/// <see cref="ExceptionGroup.Exceptions"/>: typed for C#, printed as Python prints a tuple.
/// </summary>
public sealed class PyTuple<T> : IReadOnlyList<T>, IEquatable<PyTuple<T>>, IPyTuple
{
    private readonly T[] _items;

    /// <summary>Creates a tuple holding a copy of <paramref name="items"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    public PyTuple(IEnumerable<T> items) => _items = (items ?? throw new ArgumentNullException(nameof(items))).ToArray();

    /// <summary>The item at <paramref name="index"/>; negative indexes count from the end, as in Python.</summary>
    public T this[int index] => _items[index < 0 ? _items.Length + index : index];

    /// <summary>Python's <c>len(t)</c>.</summary>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    IEnumerable<object?> IPyTuple.Items => _items.Cast<object?>();

    /// <summary>Item-by-item equality, as Python's <c>==</c> on tuples.</summary>
    public bool Equals(PyTuple<T>? other) => other is not null && _items.SequenceEqual(other._items);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PyTuple<T> t && Equals(t);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>Python's <c>repr(t)</c>.</summary>
    public override string ToString() => Builtins.Repr(this);
}

/// <summary>What <see cref="Builtins.Repr"/> prints as a tuple.</summary>
internal interface IPyTuple
{
    IEnumerable<object?> Items { get; }

    int Count { get; }
}
