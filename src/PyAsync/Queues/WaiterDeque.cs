namespace PyAsync;

/// <summary>
/// The <c>collections.deque</c> of waiter futures a queue keeps (<c>_getters</c>, <c>_putters</c>, and the
/// waiters of its <c>_finished</c> event): append at the right, pop at the left, remove a given future.
/// </summary>
/// <remarks>
/// A ring buffer: the live entries are the <see cref="Count"/> slots from <c>_head</c>, wrapping around,
/// and every other slot is null (popped and removed slots are cleared, so done futures do not stay
/// reachable). A struct held in a field of its queue and only ever used through that field; the array
/// is made on the first append, so a queue nobody waits on has none.
/// </remarks>
internal struct WaiterDeque
{
    private Future<NoneType>?[] _items;
    private int _head;
    private int _count;

    /// <summary><c>len(waiters)</c>.</summary>
    public readonly int Count => _count;

    /// <summary>The <paramref name="index"/>-th waiter from the left.</summary>
    public readonly Future<NoneType> this[int index] => _items[Slot(index)]!;

    /// <summary><c>waiters.append(future)</c>.</summary>
    public void Append(Future<NoneType> future)
    {
        if (_items is null || _count == _items.Length) Grow();
        _items![Slot(_count)] = future;
        _count++;
    }

    /// <summary><c>waiters.popleft()</c> of a non-empty deque.</summary>
    public Future<NoneType> PopLeft()
    {
        var future = _items[_head]!;
        _items[_head] = null;
        if (++_head == _items.Length) _head = 0;
        _count--;
        return future;
    }

    /// <summary><c>waiters.remove(future)</c>: removes its first occurrence; false where CPython raises <c>ValueError</c>.</summary>
    public bool Remove(Future<NoneType> future)
    {
        for (int i = 0; i < _count; i++)
        {
            if (!ReferenceEquals(_items[Slot(i)], future)) continue;
            for (int j = i; j < _count - 1; j++) _items[Slot(j)] = _items[Slot(j + 1)];
            _items[Slot(_count - 1)] = null;
            _count--;
            return true;
        }
        return false;
    }

    private readonly int Slot(int index)
    {
        int slot = _head + index;
        return slot >= _items.Length ? slot - _items.Length : slot;
    }

    private void Grow()
    {
        var bigger = new Future<NoneType>?[_items is null ? 4 : _items.Length * 2];
        for (int i = 0; i < _count; i++) bigger[i] = _items![Slot(i)];
        _items = bigger;
        _head = 0;
    }
}
