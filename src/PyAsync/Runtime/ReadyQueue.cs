using System.Buffers;

namespace PyAsync;

/// <summary>
/// The loop's FIFO ready queue (CPython's <c>_ready</c> deque): a growable ring buffer of
/// (callback, argument) pairs.
/// </summary>
/// <remarks>
/// Invariants: the live entries are the <see cref="Count"/> slots from <c>_head</c>, wrapping around;
/// every other slot is default, because <see cref="Dequeue"/> clears the slot it reads (so that
/// finished tasks do not stay reachable through the queue, and so that <see cref="Enqueue"/> may skip
/// storing a null argument). The arrays come from <see cref="ArrayPool{T}.Shared"/> and go back to it
/// cleared, so loops run one after another reuse them.
/// </remarks>
internal sealed class ReadyQueue
{
    private struct Slot
    {
        public IReadyCallback? Callback;
        public object? Arg;
    }

    private Slot[] _items = ArrayPool<Slot>.Shared.Rent(64);
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
        ref var slot = ref _items[_head];
        var item = new ReadyItem(slot.Callback!, slot.Arg);
        slot = default;
        if (++_head == _items.Length) _head = 0;
        _count--;
        return item;
    }

    /// <summary>Drops every callback and gives the array back to the pool (the loop is closing).</summary>
    public void Release()
    {
        while (_count > 0) Dequeue();
        if (_items.Length > 0) ArrayPool<Slot>.Shared.Return(_items);
        _items = [];
        _head = 0;
    }

    private void Grow()
    {
        var bigger = ArrayPool<Slot>.Shared.Rent(Math.Max(64, _items.Length * 2));
        int firstPart = Math.Min(_count, _items.Length - _head);
        Array.Copy(_items, _head, bigger, 0, firstPart);
        Array.Copy(_items, 0, bigger, firstPart, _count - firstPart);
        Array.Clear(_items);
        if (_items.Length > 0) ArrayPool<Slot>.Shared.Return(_items);
        _items = bigger;
        _head = 0;
    }
}
