using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// The loop's FIFO ready queue (CPython's <c>_ready</c> deque): (callback, argument) pairs in a chain
/// of fixed-size segments, as CPython's deque keeps its items in a chain of blocks.
/// </summary>
/// <remarks>
/// <para>
/// Why segments: a burst (a million callbacks, 100,000 tasks starting) needs a long queue for a
/// moment. One array would have to be big, on the large-object heap, whose allocations start full
/// collections (W1 ran 1.7 times slower with a new one per run), and it would either stay big or be
/// shrunk by a policy. A segment is 16 KB, an ordinary young object: the queue grows a segment at a
/// time, a drained segment is dropped or kept as one of at most <see cref="SpareSegments"/> spares,
/// so after a burst the memory goes back with no trimming and no pool.
/// </para>
/// <para>
/// Invariants: the live entries run from slot <c>_headIndex</c> of <c>_head</c> along the chain to
/// the slot before <c>_tailIndex</c> of <c>_tail</c>; <c>_count</c> is their number. Every other slot is
/// default, because <see cref="Dequeue"/> clears the slot it reads (so that finished tasks do not stay
/// reachable through the queue, and so that <see cref="Enqueue"/> may skip storing a null argument);
/// spare segments are therefore clean. When the queue empties, head and tail go back to the start of
/// one segment, so a loop that queues a few items per iteration stays in one segment.
/// </para>
/// </remarks>
internal sealed class ReadyQueue
{
    private struct Slot
    {
        public IReadyCallback? Callback;
        public object? Arg;
    }

    private sealed class Segment
    {
        public readonly Slot[] Slots = new Slot[SegmentSize];
        public Segment? Next;
    }

    // 1,024 slots of 16 bytes: far below the 85,000 bytes where the large-object heap starts.
    private const int SegmentSize = 1024;
    private const int SpareSegments = 3;
    private Segment _head;
    private Segment _tail;
    private int _headIndex;
    private int _tailIndex;
    private int _count;
    private Segment? _spare;
    private int _spareCount;
    private int _segments = 1;

    public ReadyQueue() => _head = _tail = new Segment();

    public int Count => _count;

    /// <summary>The slots the queue holds, in use or spare (for tests of the memory it keeps).</summary>
    public int Length => (_segments + _spareCount) * SegmentSize;

    [MethodImpl(HotPath.Options)]
    public void Enqueue(IReadyCallback callback, object? arg)
    {
        if (_tailIndex == SegmentSize) AddSegment();
        // Dequeued slots are cleared, so a null argument need not be stored (one GC write barrier fewer).
        ref var slot = ref _tail.Slots[_tailIndex++];
        slot.Callback = callback;
        if (arg is not null) slot.Arg = arg;
        _count++;
    }

    [MethodImpl(HotPath.Options)]
    public ReadyItem Dequeue()
    {
        if (_headIndex == SegmentSize) DropHeadSegment();
        ref var slot = ref _head.Slots[_headIndex++];
        var item = new ReadyItem(slot.Callback!, slot.Arg);
        slot = default;
        if (--_count == 0) Rewind();
        return item;
    }

    /// <summary>Drops every callback and every segment but one (the loop is closing).</summary>
    public void Release()
    {
        while (_count > 0) Dequeue();
        _spare = null;
        _spareCount = 0;
    }

    private void AddSegment()
    {
        var segment = _spare;
        if (segment is not null)
        {
            _spare = segment.Next;
            segment.Next = null;
            _spareCount--;
        }
        else
        {
            segment = new Segment();
        }
        _tail.Next = segment;
        _tail = segment;
        _tailIndex = 0;
        _segments++;
    }

    private void DropHeadSegment()
    {
        var drained = _head;
        _head = drained.Next!;
        _headIndex = 0;
        _segments--;
        Recycle(drained);
    }

    // Empty: the only segment still holding positions is the tail (the head may be the one before it,
    // read to its end). Start over at the tail's first slot.
    private void Rewind()
    {
        if (!ReferenceEquals(_head, _tail)) DropHeadSegment();
        _head = _tail;
        _headIndex = 0;
        _tailIndex = 0;
    }

    // A drained segment (all its slots cleared) becomes a spare, or garbage once there are enough.
    private void Recycle(Segment segment)
    {
        segment.Next = null;
        if (_spareCount >= SpareSegments) return;
        segment.Next = _spare;
        _spare = segment;
        _spareCount++;
    }
}
