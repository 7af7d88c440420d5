using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>An item of a <see cref="SlotRegistry"/>: it keeps the slot the registry gave it.</summary>
internal interface IRegistered
{
    /// <summary>The item's slot in its registry, or -1 when it is not registered.</summary>
    int RegistrySlot { get; set; }
}

/// <summary>
/// A set of items that each know their slot: what a loop keeps of its pending tasks (CPython's
/// <c>_all_tasks</c>, held strongly, so that a task nobody references still runs to its end).
/// </summary>
/// <remarks>
/// <para>
/// Adding appends; removing empties the item's slot and touches no other item (tasks mostly finish
/// in the order they started, and moving another item into the hole would read a cold object).
/// The slots live in segments of <see cref="SegmentSize"/>: a burst of tasks adds small, young
/// segments instead of reallocating one big array on the large-object heap (whose allocations start
/// full collections), and <see cref="Trim"/> drops the segments a burst left once it is over (see
/// <see cref="Capacity"/>).
/// </para>
/// <para>
/// Invariants: slots <c>[0, _end)</c> are in use and <c>_live</c> of them hold an item, each of which
/// knows its own slot; slots from <c>_end</c> on are empty; <c>_segments[0, _segmentCount)</c> are
/// allocated, the rest null. The holes are squeezed out (renumbering the items) when the segments
/// are full and the holes are at least half of them, or when the last item leaves.
/// </para>
/// </remarks>
internal sealed class SlotRegistry
{
    // Slots wrap the reference so that storing one needs no covariant array-store check.
    private struct RegistrySlotEntry
    {
        public IRegistered? Item;
    }

    // 1,024 slots of 8 bytes per segment: an ordinary young object.
    private const int SegmentShift = 10;
    private const int SegmentSize = 1 << SegmentShift;
    private const int SegmentMask = SegmentSize - 1;
    private const int KeepSize = 4096;
    private RegistrySlotEntry[]?[] _segments = [new RegistrySlotEntry[SegmentSize]];
    private int _segmentCount = 1;
    private int _end;
    private int _live;
    private PeakSize _peak;
    // Items added and removed over the registry's life (a loop's tasks created and finished, for its
    // metrics): written by the loop's thread only, read by any thread,
    // where a value a little stale is fine. Release (the loop closing) counts nothing as removed.
    private long _added;
    private long _removed;

    /// <summary>How many items were added over the registry's life.</summary>
    public long Added => _added;

    /// <summary>How many items were removed over the registry's life (<see cref="Release"/> removes none).</summary>
    public long Removed => _removed;

    /// <summary>The number of slots held (for tests of the trimming).</summary>
    public int Length => _segmentCount * SegmentSize;

    /// <summary>Whether the registry holds more segments than it keeps when idle.</summary>
    public bool AboveKeepSize => Length > KeepSize;

    /// <summary>Whether a trim point would drop segments if the number of items stayed as it is now.</summary>
    public bool Shrinkable => AboveKeepSize && (long)_live * Capacity.ShrinkFactor <= Length;

    /// <summary>Notes the number of items toward the peak since the last trim point (once per loop iteration).</summary>
    public void NotePeak() => _peak.Note(_live);

    /// <summary>
    /// A trim point: squeezes out the holes and drops segments if the peak since the last one used at
    /// most a sixteenth of them (see <see cref="Capacity"/>).
    /// </summary>
    public void Trim()
    {
        int length = _peak.Trim(Length, _live, KeepSize);
        if (length >= Length) return;
        // The holes go first: the items then fill [0, _live), which the segments kept hold.
        Compact();
        int keep = length >> SegmentShift;
        Array.Clear(_segments, keep, _segmentCount - keep);
        _segmentCount = keep;
    }

    /// <summary>Adds an item; returns its slot, which the item keeps (<see cref="IRegistered.RegistrySlot"/>).</summary>
    [MethodImpl(HotPath.Options)]
    public int Register(IRegistered item)
    {
        if (_end == Length)
        {
            if (_live <= _end / 2) Compact();
            else AddSegment();
        }
        Slot(_end).Item = item;
        _live++;
        _added++;
        return _end++;
    }

    /// <summary>Removes the item in slot <paramref name="slot"/> (the item resets its own slot).</summary>
    [MethodImpl(HotPath.Options)]
    public void Unregister(int slot)
    {
        if ((uint)slot >= (uint)_end) return;
        Slot(slot).Item = null;
        _removed++;
        if (--_live == 0) _end = 0;
    }

    /// <summary>The items, in the order they were added.</summary>
    public List<IRegistered> Snapshot()
    {
        var result = new List<IRegistered>(_live);
        for (int i = 0; i < _end; i++)
            if (Slot(i).Item is { } item) result.Add(item);
        return result;
    }

    /// <summary>Forgets every item and every segment but the first (the loop is closing).</summary>
    public void Release()
    {
        Array.Clear(_segments[0]!);
        Array.Clear(_segments, 1, _segmentCount - 1);
        _segmentCount = 1;
        _end = 0;
        _live = 0;
        _peak = default;
    }

    private ref RegistrySlotEntry Slot(int slot) => ref _segments[slot >> SegmentShift]![slot & SegmentMask];

    private void AddSegment()
    {
        if (_segmentCount == _segments.Length) Array.Resize(ref _segments, _segments.Length * 2);
        _segments[_segmentCount++] = new RegistrySlotEntry[SegmentSize];
    }

    private void Compact()
    {
        int kept = 0;
        for (int i = 0; i < _end; i++)
        {
            ref var slot = ref Slot(i);
            if (slot.Item is not { } item) continue;
            if (kept != i)
            {
                item.RegistrySlot = kept;
                Slot(kept).Item = item;
                slot.Item = null;
            }
            kept++;
        }
        _end = kept;
    }
}
