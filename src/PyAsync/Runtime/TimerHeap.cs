namespace PyAsync;

/// <summary>
/// What the timer heap holds: a <see cref="TimerHandle"/>, or a timer of the runtime's own that is
/// its own callback (a <c>Sleep</c>), which saves a handle per sleep.
/// </summary>
internal interface IScheduledTimer : IReadyCallback
{
    /// <summary>Cancelled timers are dropped when they reach the top of the heap, or in a clean-up.</summary>
    bool IsCancelled { get; }

    /// <summary>Whether the timer is in the heap (a cancellation then counts toward the clean-up).</summary>
    bool IsScheduled { get; set; }

    string IReadyCallback.ReprAsHandle(object? arg) => $"<TimerHandle {Describe(arg)}>";
}

/// <summary>
/// The loop's timer heap (CPython's <c>_scheduled</c>): a binary min-heap ordered by deadline and,
/// for equal deadlines, by the order the timers were scheduled. Cancelled timers stay in the heap
/// until they reach its top or until they are more than half of it, as in CPython.
/// </summary>
/// <remarks>
/// Each entry keeps its deadline and sequence next to the timer, so sifting compares entries in the
/// array itself instead of following a reference to each timer (a cache miss apiece in a big heap).
/// Invariants: entries <c>[0, Count)</c> form a min-heap on (deadline, sequence); slots from
/// <c>Count</c> on are default, so the heap keeps no popped timer reachable. The array doubles as it
/// fills and <see cref="Trim"/> shrinks it after a burst (see <see cref="Capacity"/>).
/// </remarks>
internal sealed class TimerHeap
{
    private struct HeapEntry
    {
        public double When;
        public long Sequence;
        public IScheduledTimer Timer;
    }

    private const int KeepSize = 1024;
    private HeapEntry[] _items = new HeapEntry[16];
    private int _count;
    private PeakSize _peak;

    public int Count => _count;

    /// <summary>The number of slots (for tests of the trimming).</summary>
    public int Length => _items.Length;

    /// <summary>Whether the array is bigger than the heap keeps when idle.</summary>
    public bool AboveKeepSize => _items.Length > KeepSize;

    /// <summary>Whether a trim point would shrink the heap if its size stayed as it is now.</summary>
    public bool Shrinkable => AboveKeepSize && (long)_count * Capacity.ShrinkFactor <= _items.Length;

    /// <summary>Notes the current size toward the peak since the last trim point (once per loop iteration).</summary>
    public void NotePeak() => _peak.Note(_count);

    /// <summary>A trim point: shrinks the array if the peak since the last one used at most a sixteenth of it (see <see cref="Capacity"/>).</summary>
    public void Trim()
    {
        int length = _peak.Trim(_items.Length, _count, KeepSize);
        if (length < _items.Length) Array.Resize(ref _items, length);
    }

    public IScheduledTimer Peek() => _items[0].Timer;

    /// <summary>The deadline of the first timer.</summary>
    public double PeekWhen() => _items[0].When;

    public void Push(IScheduledTimer timer, double when, long sequence)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
        var entry = new HeapEntry { When = when, Sequence = sequence, Timer = timer };
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(entry, _items[parent])) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = entry;
    }

    public IScheduledTimer Pop()
    {
        var top = _items[0].Timer;
        var last = _items[--_count];
        _items[_count] = default;
        if (_count > 0) SiftDown(0, last);
        return top;
    }

    /// <summary>Drops every cancelled timer and rebuilds the heap.</summary>
    public void RemoveCancelled()
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            var entry = _items[i];
            if (entry.Timer.IsCancelled) entry.Timer.IsScheduled = false;
            else _items[kept++] = entry;
        }
        Array.Clear(_items, kept, _count - kept);
        _count = kept;
        for (int i = (_count >> 1) - 1; i >= 0; i--) SiftDown(i, _items[i]);
    }

    /// <summary>Drops every timer and the array's memory (the loop is closing).</summary>
    public void Clear()
    {
        _items = new HeapEntry[16];
        _count = 0;
        _peak = default;
    }

    private void SiftDown(int i, HeapEntry entry)
    {
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= _count) break;
            if (child + 1 < _count && Less(_items[child + 1], _items[child])) child++;
            if (!Less(_items[child], entry)) break;
            _items[i] = _items[child];
            i = child;
        }
        _items[i] = entry;
    }

    private static bool Less(in HeapEntry a, in HeapEntry b) => a.When < b.When || (a.When == b.When && a.Sequence < b.Sequence);
}
