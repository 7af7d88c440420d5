namespace PyAsync;

/// <summary>
/// The future a task waits on inside a primitive of <c>locks.py</c> (CPython's
/// <c>self._get_loop().create_future()</c>): a plain future of the running loop, so that cancelling the
/// task cancels it as it cancels any future, which also carries its links in its primitive's
/// <see cref="WaiterQueue"/> and the primitive that made it.
/// </summary>
internal sealed class Waiter(EventLoop loop, object owner) : Future<bool>(loop)
{
    /// <summary>The primitive whose queue this waiter is in (its acquire finishes through it).</summary>
    public object Owner => owner;

    /// <summary>The waiter queued before this one (written only by <see cref="WaiterQueue"/>).</summary>
    internal Waiter? Previous { get; set; }

    /// <summary>The waiter queued after this one (written only by <see cref="WaiterQueue"/>).</summary>
    internal Waiter? Next { get; set; }

    /// <summary>Whether the waiter is in a queue (written only by <see cref="WaiterQueue"/>).</summary>
    internal bool Queued { get; set; }
}

/// <summary>
/// CPython's <c>self._waiters</c>, a <c>collections.deque</c> of futures: FIFO, appended at the end,
/// removed from anywhere (<c>deque.remove(fut)</c>). Here a list linked through the waiters themselves,
/// so that it costs nothing until the first waiter (CPython's <c>_waiters = None</c>) and nothing per
/// waiter beyond the waiter future, and a removal from the middle (a cancelled waiter) is O(1).
/// </summary>
/// <remarks>Single-threaded, as the loop is. Iterate with <c>for (var w = q.First; w is not null; w = w.Next)</c>.</remarks>
internal struct WaiterQueue
{
    private Waiter? _first;
    private Waiter? _last;
    private int _count;

    /// <summary><c>len(self._waiters)</c>.</summary>
    public readonly int Count => _count;

    /// <summary>The oldest waiter (<c>next(iter(self._waiters))</c>), or null.</summary>
    public readonly Waiter? First => _first;

    /// <summary><c>self._waiters.append(fut)</c>.</summary>
    public void Append(Waiter waiter)
    {
        waiter.Queued = true;
        waiter.Previous = _last;
        waiter.Next = null;
        if (_last is null) _first = waiter;
        else _last.Next = waiter;
        _last = waiter;
        _count++;
    }

    /// <summary><c>self._waiters.remove(fut)</c>.</summary>
    /// <exception cref="ValueError">The waiter is not in the queue (CPython's <c>deque.remove(x): x not in deque</c>).</exception>
    public void Remove(Waiter waiter)
    {
        if (!waiter.Queued) throw new ValueError("deque.remove(x): x not in deque");
        var previous = waiter.Previous;
        var next = waiter.Next;
        if (previous is null) _first = next;
        else previous.Next = next;
        if (next is null) _last = previous;
        else next.Previous = previous;
        waiter.Previous = waiter.Next = null;
        waiter.Queued = false;
        _count--;
    }

    /// <summary>Whether every waiter is cancelled (true when there are none): <c>all(w.cancelled() for w in self._waiters)</c>.</summary>
    public readonly bool AllCancelled()
    {
        for (var w = _first; w is not null; w = w.Next)
        {
            if (!w.Cancelled()) return false;
        }
        return true;
    }
}
