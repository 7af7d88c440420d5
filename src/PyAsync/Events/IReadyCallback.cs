using System.Buffers;

namespace PyAsync;

/// <summary>
/// Something the event loop can run from its ready queue: a <see cref="Handle"/>, a task step, a
/// future's done callback. The queue stores (callback, argument) pairs, so scheduling a task's
/// wake-up or a done callback allocates nothing.
/// </summary>
internal interface IReadyCallback
{
    /// <summary>Runs the callback on the loop's thread; <paramref name="arg"/> is what it was scheduled with.</summary>
    void Run(object? arg);

    /// <summary>
    /// How CPython's reprs name this callback: <c>Task.task_wakeup()</c>, <c>PrintIt()</c>. With the
    /// argument it was scheduled with (for "Exception in callback"), <c>PrintIt(&lt;Future ...&gt;)</c>;
    /// a future's repr lists its callbacks with a null argument, which must not print the future again.
    /// </summary>
    string Describe(object? arg);
}

/// <summary>One entry of the ready queue.</summary>
internal struct ReadyItem(IReadyCallback callback, object? arg)
{
    public IReadyCallback Callback = callback;
    public object? Arg = arg;
}

/// <summary>
/// The loop's FIFO ready queue (CPython's <c>_ready</c> deque): a growable ring buffer whose slots
/// are cleared when dequeued so that finished tasks do not stay reachable through it. Its arrays
/// come from <see cref="ArrayPool{T}.Shared"/>, so loops run one after another reuse them.
/// </summary>
internal sealed class ReadyQueue
{
    private ReadyItem[] _items = ArrayPool<ReadyItem>.Shared.Rent(64);
    private int _head;
    private int _count;

    public int Count => _count;

    public void Enqueue(IReadyCallback callback, object? arg)
    {
        if (_count == _items.Length) Grow();
        int tail = _head + _count;
        if (tail >= _items.Length) tail -= _items.Length;
        // Dequeued slots are cleared, so a null argument need not be stored (one GC write barrier fewer).
        ref var slot = ref _items[tail];
        slot.Callback = callback;
        if (arg is not null) slot.Arg = arg;
        _count++;
    }

    public ReadyItem Dequeue()
    {
        var item = _items[_head];
        _items[_head] = default;
        if (++_head == _items.Length) _head = 0;
        _count--;
        return item;
    }

    /// <summary>Drops every callback and gives the array back to the pool (the loop is closing).</summary>
    public void Release()
    {
        Array.Clear(_items);
        ArrayPool<ReadyItem>.Shared.Return(_items);
        _items = [];
        _head = 0;
        _count = 0;
    }

    private void Grow()
    {
        var bigger = ArrayPool<ReadyItem>.Shared.Rent(Math.Max(64, _items.Length * 2));
        int firstPart = Math.Min(_count, _items.Length - _head);
        Array.Copy(_items, _head, bigger, 0, firstPart);
        Array.Copy(_items, 0, bigger, firstPart, _count - firstPart);
        Array.Clear(_items);
        if (_items.Length > 0) ArrayPool<ReadyItem>.Shared.Return(_items);
        _items = bigger;
        _head = 0;
    }
}

/// <summary>
/// The loop's timer heap (CPython's <c>_scheduled</c>): a binary min-heap ordered by deadline and,
/// for equal deadlines, by the order the timers were scheduled. Cancelled timers stay in the heap
/// until they reach its top or until they are more than half of it, as in CPython.
/// </summary>
internal sealed class TimerHeap
{
    private TimerHandle[] _items = new TimerHandle[16];
    private int _count;

    public int Count => _count;

    public TimerHandle Peek() => _items[0];

    public void Push(TimerHandle handle)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(handle, _items[parent])) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = handle;
    }

    public TimerHandle Pop()
    {
        var top = _items[0];
        var last = _items[--_count];
        _items[_count] = null!;
        if (_count > 0) SiftDown(0, last);
        return top;
    }

    /// <summary>Drops every cancelled timer and rebuilds the heap.</summary>
    public void RemoveCancelled()
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            var h = _items[i];
            if (h.IsCancelled) h._scheduled = false;
            else _items[kept++] = h;
        }
        Array.Clear(_items, kept, _count - kept);
        _count = kept;
        for (int i = (_count >> 1) - 1; i >= 0; i--) SiftDown(i, _items[i]);
    }

    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    private void SiftDown(int i, TimerHandle handle)
    {
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= _count) break;
            if (child + 1 < _count && Less(_items[child + 1], _items[child])) child++;
            if (!Less(_items[child], handle)) break;
            _items[i] = _items[child];
            i = child;
        }
        _items[i] = handle;
    }

    private static bool Less(TimerHandle a, TimerHandle b) =>
        a._when < b._when || (a._when == b._when && a._sequence < b._sequence);
}
