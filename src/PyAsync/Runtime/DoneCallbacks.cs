using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// A future's done callbacks (CPython's <c>_callbacks</c> list), packed into one field of the future
/// for the common cases: most futures get one callback (the task that awaits them), so one callback is
/// stored as itself and a list is made only for a second one. These functions work on that field.
/// </summary>
/// <remarks>
/// Invariant: the field is null (no callback), an <see cref="IReadyCallback"/> (one), or a
/// <see cref="CallbackList"/> (any number, in the order they were added); only these functions read or
/// write it. A plain <see cref="object"/> field rather than a struct around one: a struct field would
/// be laid out after the future's small fields and cost every future 8 bytes of padding.
/// </remarks>
internal static class DoneCallbacks
{
    [MethodImpl(HotPath.Options)]
    public static void Add(ref object? callbacks, IReadyCallback callback)
    {
        switch (callbacks)
        {
            case null: callbacks = callback; break;
            case CallbackList list: list.Add(callback); break;
            default: callbacks = new CallbackList((IReadyCallback)callbacks, callback); break;
        }
    }

    /// <summary>Whether <paramref name="callback"/> is the last one added (and still there).</summary>
    public static bool LastIs(object? callbacks, IReadyCallback callback) => callbacks switch
    {
        CallbackList list => list.Count > 0 && ReferenceEquals(list[list.Count - 1], callback),
        var one => ReferenceEquals(one, callback),
    };

    /// <summary>Removes every callback that <paramref name="match"/> selects; returns how many.</summary>
    public static int RemoveWhere(ref object? callbacks, Func<IReadyCallback, bool> match)
    {
        switch (callbacks)
        {
            case null: return 0;
            case CallbackList list: return list.RemoveAll(match);
            default:
                if (!match((IReadyCallback)callbacks)) return 0;
                callbacks = null;
                return 1;
        }
    }

    /// <summary>Whether there is exactly one callback (a cheaper test than <see cref="Count"/>).</summary>
    public static bool IsSingle(object? callbacks) => callbacks is not null and not CallbackList;

    public static int Count(object? callbacks) => callbacks switch
    {
        null => 0,
        CallbackList list => list.Count,
        _ => 1,
    };

    /// <summary>The callback at <paramref name="index"/> (0 to <see cref="Count"/> - 1).</summary>
    public static IReadyCallback At(object? callbacks, int index) =>
        // By the invariant, a value that is not a list is the one callback: no interface cast needed.
        callbacks is CallbackList list ? list[index] : Unsafe.As<IReadyCallback>(callbacks!);

    /// <summary>The callbacks, in the order they were added (for reprs).</summary>
    public static IReadyCallback[] ToArray(object? callbacks) => callbacks switch
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
