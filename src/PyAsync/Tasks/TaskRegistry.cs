using System.Buffers;

namespace PyAsync;

/// <summary>
/// A loop's pending tasks: CPython's <c>_all_tasks</c>, except that it holds them strongly, so a
/// task nobody references still runs to its end (see <see cref="PyTask{T}"/>). Each task knows its
/// slot, so adding and removing one costs O(1) with no allocation; the array comes from
/// <see cref="ArrayPool{T}.Shared"/>, so loops run one after another reuse it.
/// </summary>
internal sealed class TaskRegistry
{
    // Slots wrap the reference so that storing one needs no covariant array-store check.
    private struct Slot
    {
        public IPyTaskInternal? Task;
    }

    private Slot[] _slots = ArrayPool<Slot>.Shared.Rent(16);
    private int _count;

    public int Count => _count;

    public void Register(IPyTaskInternal task)
    {
        if (_count == _slots.Length) Grow();
        task.PendingIndex = _count;
        _slots[_count++].Task = task;
    }

    public void Unregister(IPyTaskInternal task)
    {
        int index = task.PendingIndex;
        if (index < 0) return;
        var last = _slots[--_count].Task!;
        _slots[index].Task = last;
        last.PendingIndex = index;
        _slots[_count].Task = null;
        task.PendingIndex = -1;
    }

    /// <summary>The pending tasks, in no particular order.</summary>
    public List<IPyTask> Snapshot()
    {
        var result = new List<IPyTask>(_count);
        for (int i = 0; i < _count; i++) result.Add((IPyTask)_slots[i].Task!);
        return result;
    }

    /// <summary>Forgets every task and gives the array back to the pool (the loop is closing).</summary>
    public void Release()
    {
        Array.Clear(_slots, 0, _count);
        if (_slots.Length > 0) ArrayPool<Slot>.Shared.Return(_slots);
        _slots = [];
        _count = 0;
    }

    private void Grow()
    {
        var bigger = ArrayPool<Slot>.Shared.Rent(Math.Max(16, _slots.Length * 2));
        Array.Copy(_slots, bigger, _count);
        Array.Clear(_slots, 0, _count);
        if (_slots.Length > 0) ArrayPool<Slot>.Shared.Return(_slots);
        _slots = bigger;
    }
}
