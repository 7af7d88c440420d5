using System.Buffers;

namespace PyAsync;

/// <summary>
/// A loop's pending tasks: CPython's <c>_all_tasks</c>, except that it holds them strongly, so a
/// task nobody references still runs to its end (see <see cref="PyTask{T}"/>). Each task knows its
/// slot: adding appends, removing empties the slot and touches no other task (tasks mostly finish in
/// the order they started, and moving another task into the hole would read a cold object); the
/// holes are squeezed out when they are more than half the array, or all of it. The array comes from
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
    // Slots in use are [0, _end); _live of them hold a task.
    private int _end;
    private int _live;

    /// <summary>Adds a task; returns its slot, which the task keeps (<see cref="IPyTaskInternal.PendingIndex"/>).</summary>
    public int Register(IPyTaskInternal task)
    {
        if (_end == _slots.Length)
        {
            if (_live <= _end / 2) Compact();
            else Grow();
        }
        _slots[_end].Task = task;
        _live++;
        return _end++;
    }

    /// <summary>Removes the task in slot <paramref name="index"/> (the task resets its own index).</summary>
    public void Unregister(int index)
    {
        if ((uint)index >= (uint)_end) return;
        _slots[index].Task = null;
        if (--_live == 0) _end = 0;
    }

    /// <summary>The pending tasks, in the order they were created.</summary>
    public List<IPyTask> Snapshot()
    {
        var result = new List<IPyTask>(_live);
        for (int i = 0; i < _end; i++)
            if (_slots[i].Task is { } task) result.Add((IPyTask)task);
        return result;
    }

    /// <summary>Forgets every task and gives the array back to the pool (the loop is closing).</summary>
    public void Release()
    {
        Array.Clear(_slots, 0, _end);
        if (_slots.Length > 0) ArrayPool<Slot>.Shared.Return(_slots);
        _slots = [];
        _end = 0;
        _live = 0;
    }

    private void Compact()
    {
        int kept = 0;
        for (int i = 0; i < _end; i++)
        {
            if (_slots[i].Task is not { } task) continue;
            task.PendingIndex = kept;
            _slots[kept++].Task = task;
        }
        Array.Clear(_slots, kept, _end - kept);
        _end = kept;
    }

    private void Grow()
    {
        var bigger = ArrayPool<Slot>.Shared.Rent(Math.Max(16, _slots.Length * 2));
        Array.Copy(_slots, bigger, _end);
        Array.Clear(_slots, 0, _end);
        if (_slots.Length > 0) ArrayPool<Slot>.Shared.Return(_slots);
        _slots = bigger;
    }
}
