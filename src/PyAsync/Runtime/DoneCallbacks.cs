using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// A future's done callbacks (CPython's <c>_callbacks</c> list), packed for the common cases: most
/// futures get one callback (the task that awaits them), so one callback is stored as itself and a
/// list is made only for a second one.
/// </summary>
/// <remarks>
/// Invariant: <c>_value</c> is null (no callback), an <see cref="IReadyCallback"/> (one), or a
/// <see cref="CallbackList"/> (any number, in the order they were added). Only this struct reads it.
/// </remarks>
internal struct DoneCallbacks
{
    private object? _value;

    public readonly bool IsEmpty => _value is null;

    public void Add(IReadyCallback callback)
    {
        switch (_value)
        {
            case null: _value = callback; break;
            case CallbackList list: list.Add(callback); break;
            default: _value = new CallbackList((IReadyCallback)_value, callback); break;
        }
    }

    /// <summary>Whether <paramref name="callback"/> is the last one added (and still there).</summary>
    public readonly bool LastIs(IReadyCallback callback) => _value switch
    {
        CallbackList list => list.Count > 0 && ReferenceEquals(list[list.Count - 1], callback),
        var one => ReferenceEquals(one, callback),
    };

    /// <summary>Removes every callback that <paramref name="match"/> selects; returns how many.</summary>
    public int RemoveWhere(Func<IReadyCallback, bool> match)
    {
        switch (_value)
        {
            case null: return 0;
            case CallbackList list: return list.RemoveAll(match);
            default:
                if (!match((IReadyCallback)_value)) return 0;
                _value = null;
                return 1;
        }
    }

    /// <summary>Empties this set and returns what it held (to schedule them, in the order they were added).</summary>
    public DoneCallbacks Take()
    {
        var taken = this;
        _value = null;
        return taken;
    }

    public readonly int Count => _value switch
    {
        null => 0,
        CallbackList list => list.Count,
        _ => 1,
    };

    /// <summary>The callback at <paramref name="index"/> (0 to <see cref="Count"/> - 1).</summary>
    public readonly IReadyCallback this[int index] =>
        // By the invariant, a value that is not a list is the one callback: no interface cast needed.
        _value is CallbackList list ? list[index] : Unsafe.As<IReadyCallback>(_value!);

    /// <summary>The callbacks, in the order they were added (for reprs).</summary>
    public readonly IReadyCallback[] ToArray() => _value switch
    {
        null => [],
        CallbackList list => list.ToArray(),
        var one => [(IReadyCallback)one],
    };

    /// <summary>The done callbacks of a future that has more than one.</summary>
    private sealed class CallbackList
    {
        // Slots wrap the reference so that storing one needs no covariant array-store check.
        private struct ListSlot
        {
            public IReadyCallback Callback;
        }

        private ListSlot[] _items;
        private int _count;

        public CallbackList(IReadyCallback first, IReadyCallback second)
        {
            _items = new ListSlot[4];
            _items[0].Callback = first;
            _items[1].Callback = second;
            _count = 2;
        }

        public int Count => _count;

        public IReadyCallback this[int index] => _items[index].Callback;

        public void Add(IReadyCallback callback)
        {
            if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
            _items[_count++].Callback = callback;
        }

        public int RemoveAll(Func<IReadyCallback, bool> match)
        {
            int kept = 0;
            for (int i = 0; i < _count; i++)
                if (!match(_items[i].Callback)) _items[kept++] = _items[i];
            int removed = _count - kept;
            Array.Clear(_items, kept, removed);
            _count = kept;
            return removed;
        }

        public IReadyCallback[] ToArray()
        {
            var result = new IReadyCallback[_count];
            for (int i = 0; i < _count; i++) result[i] = _items[i].Callback;
            return result;
        }
    }
}
