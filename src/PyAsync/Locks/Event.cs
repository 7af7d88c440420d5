using System.Diagnostics;
using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Event</c> (CPython 3.13's <c>asyncio/locks.py</c>): a flag that tasks wait for.
/// Create one with <c>Event()</c> or <c>new Event()</c>.
/// </summary>
/// <remarks>
/// <see cref="Set"/> wakes every waiting task (each resumes on a later loop iteration, in the order it
/// started waiting); <see cref="Wait"/> on a set event returns at once. Single-threaded: use it on its
/// loop's thread.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.locks.Event")]
public sealed class Event
{
    private WaiterQueue _waiters;
    private bool _value;
    private LoopBinding _binding;

    /// <summary>Mirrors <c>asyncio.Event()</c>: an unset event.</summary>
    public Event() { }

    /// <summary>Mirrors <c>event.is_set()</c>.</summary>
    public bool IsSet() => _value;

    /// <summary>Mirrors <c>event.set()</c>: sets the flag and wakes every task waiting for it.</summary>
    public void Set()
    {
        if (_value) return;
        _value = true;
        for (var w = _waiters.First; w is not null; w = w.Next)
        {
            if (!w.Done()) w.SetResult(true);
        }
    }

    /// <summary>Mirrors <c>event.clear()</c>: unsets the flag; tasks already woken still return.</summary>
    public void Clear() => _value = false;

    /// <summary>
    /// Mirrors <c>event.wait()</c>: a coroutine that returns <c>true</c> once the flag is set (at once if
    /// it is set when awaited).
    /// </summary>
    /// <exception cref="RuntimeError">(When awaited) the event must be waited for and is bound to another loop.</exception>
    public Coroutine<bool> Wait() => new EventWaitCoroutine(this);

    /// <summary>CPython's repr: <c>&lt;asyncio.locks.Event object at 0x... [unset, waiters:1]&gt;</c>.</summary>
    public override string ToString() => PrimitiveRepr.Format(this, PrimitiveRepr.WithWaiters(_value ? "set" : "unset", _waiters.Count));

    /// <summary><c>len(self._waiters)</c>, for tests.</summary>
    internal int WaiterCount => _waiters.Count;

    /// <summary>The first part of <c>wait()</c>: null if the flag is set, else a new waiter future of the running loop, queued.</summary>
    internal Waiter? WaiterIfUnset()
    {
        if (_value) return null;
        var waiter = new Waiter(_binding.Get(this), this);
        _waiters.Append(waiter);
        return waiter;
    }

    /// <summary>The <c>finally</c> of <c>wait()</c>: <c>self._waiters.remove(fut)</c>.</summary>
    internal void Dequeue(Waiter waiter) => _waiters.Remove(waiter);
}

/// <summary>
/// The coroutine object of <c>event.wait()</c> (qualname <c>Event.wait</c>), written by hand because
/// waiting for events is common: it costs this object, and the waiter future if the event is unset.
/// </summary>
internal sealed class EventWaitCoroutine(Event ev) : HandWrittenCoroutine<bool>
{
    private Waiter? _waiter;

    internal override string QualName => "Event.wait";

    private protected override void Start(EventLoop loop)
    {
        _waiter = ev.WaiterIfUnset();
        if (_waiter is null) Return(true);
        else AwaitFuture(loop, _waiter);
    }

    private protected override void Resume(Exception? thrown)
    {
        var waiter = _waiter!;
        ev.Dequeue(waiter);
        if (thrown is not null) Raise(thrown);
        // What `await fut` raises for a cancelled future, passed on as a value, not thrown.
        else if (waiter.Cancelled()) Raise(waiter.MakeCancelledError());
        else Return(true);
    }
}
