using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>An item of a <see cref="FreshList"/>: it keeps its slot there (0 when it is not listed).</summary>
internal interface IFreshItem
{
    short FreshSlot { get; set; }
}

/// <summary>
/// The items created during the current loop iteration (coroutine objects), which the loop looks at
/// after it to watch those nobody consumed. Consuming an item (awaiting or scheduling a coroutine,
/// usually right after it was created) empties its slot, so in the common case there is nothing
/// left to look at.
/// </summary>
/// <remarks>
/// Invariants: the newest item waits in <c>_last</c> (slot <see cref="LastSlot"/>), since an item is
/// nearly always consumed before the next one is created; the array holds older unconsumed items,
/// <c>_live</c> of them non-null in <c>[0, _count)</c>, each knowing its slot (index + 1). An item past
/// <c>short.MaxValue - 1</c> in the array gets <see cref="UnknownSlot"/>: it is not removed when consumed
/// and <see cref="Drain"/> passes it on (only bursts of more than 32,766 unconsumed items get there;
/// the caller skips consumed ones). The array is a chain of chunks of 1,024 slots, allocated as a burst
/// needs them (young objects, never on the large-object heap, whose allocations start full collections);
/// once drained, all but <c>KeepChunks</c> of them are dropped, so a burst's memory goes back.
/// </remarks>
internal sealed class FreshList
{
    // Slots wrap the reference so that storing one needs no covariant array-store check.
    private struct FreshSlotEntry
    {
        public IFreshItem? Item;
    }

    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;
    private const int KeepChunks = 4;
    private const short LastSlot = -1;
    private const short UnknownSlot = short.MaxValue;
    private IFreshItem? _last;
    // Chunks [0, _chunkCount) are allocated (the first when an item first has to wait in the array).
    private FreshSlotEntry[]?[] _chunks = new FreshSlotEntry[]?[KeepChunks];
    private int _chunkCount;
    private int _count;
    private int _live;

    public bool IsEmpty => _count == 0 && _last is null;

    /// <summary>Whether an item listed this iteration has not been consumed.</summary>
    public bool HasLive => _live > 0 || _last is not null;

    /// <summary>Starts over when every item listed was consumed (all slots are already empty).</summary>
    public void Reset()
    {
        _count = 0;
        if (_chunkCount > KeepChunks) DropChunks();
    }

    /// <summary>Lists a new item; returns its slot for <see cref="Remove"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public short Add(IFreshItem item)
    {
        if (_last is { } previous) previous.FreshSlot = AddToArray(previous);
        _last = item;
        return LastSlot;
    }

    private short AddToArray(IFreshItem item)
    {
        if (_count == _chunkCount << ChunkShift) AddChunk();
        Entry(_count).Item = item;
        _live++;
        return ++_count < UnknownSlot ? (short)_count : UnknownSlot;
    }

    /// <summary>The item in <paramref name="slot"/> was consumed: forget it (if the slot is really its).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Remove(short slot, IFreshItem item)
    {
        if (slot == LastSlot)
        {
            if (ReferenceEquals(_last, item)) _last = null;
            return;
        }
        RemoveFromArray(slot, item);
    }

    private void RemoveFromArray(short slot, IFreshItem item)
    {
        if (slot == UnknownSlot) return;
        int index = slot - 1;
        if ((uint)index >= (uint)_count) return;
        ref var entry = ref Entry(index);
        if (!ReferenceEquals(entry.Item, item)) return;
        entry.Item = null;
        _live--;
    }

    /// <summary>Calls <paramref name="action"/> on each item still listed, in the order they were added, then starts over empty.</summary>
    public void Drain<TState>(TState state, Action<TState, IFreshItem> action)
    {
        if (_live > 0)
        {
            for (int i = 0; i < _count; i++)
            {
                ref var entry = ref Entry(i);
                var item = entry.Item;
                if (item is null) continue;
                entry.Item = null;
                item.FreshSlot = 0;
                action(state, item);
            }
        }
        if (_last is { } last)
        {
            _last = null;
            last.FreshSlot = 0;
            action(state, last);
        }
        _count = 0;
        _live = 0;
        if (_chunkCount > KeepChunks) DropChunks();
    }

    private ref FreshSlotEntry Entry(int index) => ref _chunks[index >> ChunkShift]![index & ChunkMask];

    private void AddChunk()
    {
        if (_chunkCount == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        _chunks[_chunkCount++] = new FreshSlotEntry[ChunkSize];
    }

    // Every slot is empty here (all consumed or drained): the kept chunks are clean.
    private void DropChunks()
    {
        _chunks = _chunks[..KeepChunks];
        _chunkCount = KeepChunks;
    }
}
