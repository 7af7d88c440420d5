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
/// the items) when they are more than half the array, or all of it. The array comes from
/// <see cref="ArrayPool{T}.Shared"/> and goes back to it cleared.
/// </remarks>
internal sealed class SlotRegistry
{
    // Slots wrap the reference so that storing one needs no covariant array-store check.
    private struct RegistrySlotEntry
    {
        public IRegistered? Item;
    }

    private RegistrySlotEntry[] _slots = ArrayPool<RegistrySlotEntry>.Shared.Rent(16);
    private int _end;
    private int _live;

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
        Array.Clear(_slots, 0, _end);
        if (_slots.Length > 0) ArrayPool<RegistrySlotEntry>.Shared.Return(_slots);
        _slots = [];
        _end = 0;
        _live = 0;
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

    private void Grow()
    {
        var bigger = ArrayPool<RegistrySlotEntry>.Shared.Rent(Math.Max(16, _slots.Length * 2));
        Array.Copy(_slots, bigger, _end);
        Array.Clear(_slots, 0, _end);
        if (_slots.Length > 0) ArrayPool<RegistrySlotEntry>.Shared.Return(_slots);
        _slots = bigger;
    }
}
