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
/// storing a null argument). Arrays up to <see cref="KeepSize"/> slots come from
/// <see cref="ArrayPool{T}.Shared"/> and go back to it cleared, so loops run one after another reuse
/// them; bigger ones (a burst) are plain arrays left to the GC, and <see cref="Trim"/> gives them up
/// once the burst is over (see <see cref="Capacity"/>), so neither the loop nor the pool holds a
/// burst's high-water mark.
/// </remarks>
internal sealed class ReadyQueue
{
    private struct Slot
    {
        public IReadyCallback? Callback;
        public object? Arg;
    }

    private const int KeepSize = 4096;
    private Slot[] _items = ArrayPool<Slot>.Shared.Rent(64);
    private int _head;
    private int _count;
    private PeakSize _peak;

    public int Count => _count;

    /// <summary>The number of slots (for tests of the trimming).</summary>
    public int Length => _items.Length;

    /// <summary>Whether the array is bigger than the queue keeps when idle.</summary>
    public bool AboveKeepSize => _items.Length > KeepSize;

    /// <summary>Notes the current size toward the peak since the last trim point (once per loop iteration).</summary>
    public void NotePeak() => _peak.Note(_count);

    /// <summary>A trim point: shrinks the array if the peak since the last one used at most a quarter of it.</summary>
    public void Trim()
    {
        int length = _peak.Trim(_items.Length, _count, KeepSize);
        if (length < _items.Length) Resize(length);
    }

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
        GiveBack(_items);
        _items = [];
        _head = 0;
        _peak = default;
    }

    private void Grow() => Resize(Math.Max(64, _items.Length * 2), growing: true);

    private void Resize(int length, bool growing = false)
    {
        var items = length <= KeepSize ? ArrayPool<Slot>.Shared.Rent(length)
            : SpareArray<Slot>.Take(length, growing ? int.MaxValue : length) ?? new Slot[length];
        int firstPart = Math.Min(_count, _items.Length - _head);
        Array.Copy(_items, _head, items, 0, firstPart);
        Array.Copy(_items, 0, items, firstPart, _count - firstPart);
        GiveBack(_items);
        _items = items;
        _head = 0;
    }

    // Small arrays go back to the pool, a burst's array to the weakly held spare; both cleared.
    private static void GiveBack(Slot[] items)
    {
        if (items.Length == 0) return;
        Array.Clear(items);
        if (items.Length <= KeepSize) ArrayPool<Slot>.Shared.Return(items);
        else SpareArray<Slot>.Give(items);
    }
}
