using System.Buffers;

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
/// Adding appends; removing empties the item's slot and touches no other item (tasks mostly finish
/// in the order they started, and moving another item into the hole would read a cold object).
/// Invariants: slots <c>[0, _end)</c> are in use and <c>_live</c> of them hold an item, each of which
/// knows its own slot; slots from <c>_end</c> on are empty. The holes are squeezed out (renumbering
/// the items) when they are more than half the array, or all of it. Arrays up to
/// <see cref="KeepSize"/> slots come from <see cref="ArrayPool{T}.Shared"/> and go back to it cleared;
/// bigger ones (a burst of tasks) are plain arrays, which <see cref="Trim"/> gives up once the burst
/// is over (see <see cref="Capacity"/>).
/// </remarks>
internal sealed class SlotRegistry
{
    // Slots wrap the reference so that storing one needs no covariant array-store check.
    private struct RegistrySlotEntry
    {
        public IRegistered? Item;
    }

    private const int KeepSize = 4096;
    private RegistrySlotEntry[] _slots = ArrayPool<RegistrySlotEntry>.Shared.Rent(16);
    private int _end;
    private int _live;
    private PeakSize _peak;

    /// <summary>The number of slots (for tests of the trimming).</summary>
    public int Length => _slots.Length;

    /// <summary>Whether the array is bigger than the registry keeps when idle.</summary>
    public bool AboveKeepSize => _slots.Length > KeepSize;

    /// <summary>Notes the number of items toward the peak since the last trim point (once per loop iteration).</summary>
    public void NotePeak() => _peak.Note(_live);

    /// <summary>
    /// A trim point: squeezes out the holes and shrinks the array if the peak since the last one used
    /// at most a quarter of it.
    /// </summary>
    public void Trim()
    {
        int length = _peak.Trim(_slots.Length, _live, KeepSize);
        if (length < _slots.Length)
        {
            // The holes go first: the items then fill [0, _live), which the smaller array holds.
            Compact();
            Resize(length);
        }
    }

    /// <summary>Adds an item; returns its slot, which the item keeps (<see cref="IRegistered.RegistrySlot"/>).</summary>
    public int Register(IRegistered item)
    {
        if (_end == _slots.Length)
        {
            if (_live <= _end / 2) Compact();
            else Grow();
        }
        _slots[_end].Item = item;
        _live++;
        return _end++;
    }

    /// <summary>Removes the item in slot <paramref name="slot"/> (the item resets its own slot).</summary>
    public void Unregister(int slot)
    {
        if ((uint)slot >= (uint)_end) return;
        _slots[slot].Item = null;
        if (--_live == 0) _end = 0;
    }

    /// <summary>The items, in the order they were added.</summary>
    public List<IRegistered> Snapshot()
    {
        var result = new List<IRegistered>(_live);
        for (int i = 0; i < _end; i++)
            if (_slots[i].Item is { } item) result.Add(item);
        return result;
    }

    /// <summary>Forgets every item and gives the array back to the pool (the loop is closing).</summary>
    public void Release()
    {
        GiveBack(_slots, _end);
        _slots = [];
        _end = 0;
        _live = 0;
        _peak = default;
    }

    private void Compact()
    {
        int kept = 0;
        for (int i = 0; i < _end; i++)
        {
            if (_slots[i].Item is not { } item) continue;
            item.RegistrySlot = kept;
            _slots[kept++].Item = item;
        }
        Array.Clear(_slots, kept, _end - kept);
        _end = kept;
    }

    private void Grow() => Resize(Math.Max(16, _slots.Length * 2), growing: true);

    private void Resize(int length, bool growing = false)
    {
        var slots = length <= KeepSize ? ArrayPool<RegistrySlotEntry>.Shared.Rent(length)
            : SpareArray<RegistrySlotEntry>.Take(length, growing ? int.MaxValue : length) ?? new RegistrySlotEntry[length];
        Array.Copy(_slots, slots, _end);
        GiveBack(_slots, _end);
        _slots = slots;
    }

    // Small arrays go back to the pool, a burst's array to the weakly held spare; both cleared.
    private static void GiveBack(RegistrySlotEntry[] slots, int used)
    {
        if (slots.Length == 0) return;
        Array.Clear(slots, 0, used);
        if (slots.Length <= KeepSize) ArrayPool<RegistrySlotEntry>.Shared.Return(slots);
        else SpareArray<RegistrySlotEntry>.Give(slots);
    }
}
