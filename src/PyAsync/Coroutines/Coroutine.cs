using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// A coroutine object, the result of calling an <c>async Coroutine</c> method: Python's
/// <c>coroutine</c>. It is lazy: calling the method runs none of its body.
/// </summary>
/// <remarks>
/// <para>
/// <c>await F()</c> runs <c>F</c>'s body inline, in the awaiting task and the same loop step, until
/// it finishes or suspends; <see cref="EventLoop.CreateTask(Coroutine, string?, ExecutionContext?)"/>
/// wraps it in a task whose first step runs on a later loop iteration. A coroutine object runs once:
/// awaiting or scheduling it a second time raises <see cref="RuntimeError"/>
/// (<c>cannot reuse already awaited coroutine</c>). One that is never awaited or scheduled is reported
/// as <c>RuntimeWarning: coroutine 'F' was never awaited</c> when it is collected, or when its loop
/// closes, through <see cref="Warnings.ShowWarning"/>.
/// </para>
/// <para>
/// This non-generic type is the result-less coroutine (<c>async def f() -&gt; None</c>) and the base of
/// every <see cref="Coroutine{T}"/>, so mixed collections of coroutines work.
/// </para>
/// </remarks>
[AsyncMethodBuilder(typeof(CoroutineMethodBuilder))]
public abstract class Coroutine : IAwaitable
{
    internal CoroutineState _state;
    // Created: null or the UnawaitedCoroutine watching it. Running or suspended: the coroutine that
    // awaits it inline (resumed when it completes), or the task that drives it, or null. Completed:
    // the exception it raised, or null (one field for both keeps every coroutine object small).
    internal object? _link;
    // Non-zero while the coroutine sits unconsumed in a loop's fresh list: its slot there (a short,
    // so that with the other small fields it leaves room for an int result in the same 8 bytes).
    internal short _freshSlot;
    // _link is the coroutine that awaits this one inline (set when this one first suspends).
    private bool _hasParent;

    private protected Coroutine() => CoroutineTracker.Created(this);

    /// <summary>CPython's <c>__qualname__</c>: <c>Main</c>, <c>Main.&lt;locals&gt;.Nested</c>.</summary>
    internal abstract string QualName { get; }

    /// <summary>Runs the body until its next suspension or its end.</summary>
    internal abstract void MoveNext();

    /// <summary>The first <see cref="MoveNext"/>, on <paramref name="loop"/> (the running loop, which saves looking it up).</summary>
    internal virtual void MoveNextFirst(EventLoop loop) => MoveNext();

    internal bool IsCompleted => _state == CoroutineState.Completed;

    /// <summary>The result of a completed coroutine, boxed (None for a result-less one).</summary>
    internal abstract object? ResultAsObject { get; }

    /// <summary>A task for this coroutine whose result type is the coroutine's own (for untyped callers such as <c>Gather</c>).</summary>
    internal abstract Future CreateTypedTask(EventLoop loop);

    /// <summary>Mirrors <c>coro.close()</c> on a coroutine that has not started: it will never run (and is not reported as never awaited).</summary>
    /// <exception cref="RuntimeError">The coroutine is running or suspended (closing a suspended coroutine is not supported).</exception>
    public void Close()
    {
        if (_state == CoroutineState.Completed || _state == CoroutineState.Closed) return;
        if (_state == CoroutineState.Started) throw new RuntimeError("cannot close a coroutine that is running or suspended");
        Consume();
        _state = CoroutineState.Closed;
    }

    /// <summary>
    /// Awaits the coroutine: runs it inline in the current task. Outside any task (plain .NET code on
    /// the loop's thread), it is wrapped in a task instead.
    /// </summary>
    /// <exception cref="RuntimeError">The coroutine was already awaited, or no event loop runs on this thread.</exception>
    public CoroutineAwaiter GetAwaiter()
    {
        BeginAwait();
        return new CoroutineAwaiter(this);
    }

    /// <summary>CPython's repr: <c>&lt;coroutine object Main at 0x7f...&gt;</c>.</summary>
    public override string ToString() => $"<coroutine object {QualName} at 0x{RuntimeHelpers.GetHashCode(this):x}>";

    // ---------------------------------------------------------------- driving

    private protected void BeginAwait()
    {
        var loop = EventLoop.Running ?? throw new RuntimeError("no running event loop");
        if (loop._currentTask is null)
        {
            // Plain .NET code on the loop is awaiting us: a task drives the coroutine.
            ThrowIfReused();
            loop.CreateTask(this);
            return;
        }
        StartInline(loop);
    }

    /// <summary>Marks the coroutine as consumed: it will not be reported as never awaited.</summary>
    internal void Consume(EventLoop? loop = null)
    {
        if (_freshSlot != 0) CoroutineTracker.Consumed(this, loop);
        if (_link is UnawaitedCoroutine sentinel)
        {
            sentinel.Consume();
            _link = null;
        }
        if (_state == CoroutineState.Created) _state = CoroutineState.Scheduled;
    }

    private void ThrowIfReused()
    {
        if (_state > CoroutineState.Scheduled) throw new RuntimeError("cannot reuse already awaited coroutine");
    }

    /// <summary><c>await coro</c>: run the first step now, inside the current task.</summary>
    internal void StartInline(EventLoop loop)
    {
        ThrowIfReused();
        Consume(loop);
        _state = CoroutineState.Started;
        MoveNextFirst(loop);
    }

    /// <summary>The first step of a task driving this coroutine.</summary>
    internal void StartFromTask(object task, EventLoop loop)
    {
        ThrowIfReused();
        Consume(loop);
        _state = CoroutineState.Started;
        _link = task;
        MoveNextFirst(loop);
    }

    /// <summary>A task cancelled before its first step: the coroutine never runs (CPython's throw into a fresh coroutine).</summary>
    internal void CloseUnstarted()
    {
        if (_state > CoroutineState.Scheduled) return;
        Consume();
        _state = CoroutineState.Closed;
    }

    /// <summary>This coroutine suspended inside <paramref name="parent"/>'s <c>await</c>: resume the parent when it completes.</summary>
    internal void AwaitedBy(Coroutine parent)
    {
        _link = parent;
        _hasParent = true;
    }

    private protected void Complete(Exception? exception)
    {
        if (!_hasParent)
        {
            _link = exception;
            _state = CoroutineState.Completed;
            return;
        }
        var parent = Unsafe.As<Coroutine>(_link!);
        _link = exception;
        _state = CoroutineState.Completed;
        parent.MoveNext();
    }

    internal void SetExceptionCore(Exception exception) => Complete(exception);

    /// <summary>What the completed coroutine raised, or null.</summary>
    internal Exception? Failure => _state == CoroutineState.Completed ? _link as Exception : null;

    internal void ThrowIfFailed()
    {
        if (Failure is { } e) ExceptionDispatchInfo.Throw(e);
    }

    /// <summary>The task driving this coroutine: follow the chain of awaiting coroutines to its top.</summary>
    internal IPyTaskInternal? FindTask()
    {
        object? link = this;
        while (link is Coroutine c) link = c._link;
        return link as IPyTaskInternal;
    }
}

/// <summary>
/// A coroutine object whose body returns a <typeparamref name="T"/>: the result of calling an
/// <c>async Coroutine&lt;T&gt;</c> method. Awaiting it gives the result. See <see cref="Coroutine"/>.
/// </summary>
[AsyncMethodBuilder(typeof(CoroutineMethodBuilder<>))]
public abstract class Coroutine<T> : Coroutine, IAwaitable<T>
{
    internal T _result = default!;

    private protected Coroutine() { }

    /// <summary>Awaits the coroutine: runs it inline in the current task and gives its result.</summary>
    /// <exception cref="RuntimeError">The coroutine was already awaited, or no event loop runs on this thread.</exception>
    public new CoroutineAwaiter<T> GetAwaiter()
    {
        BeginAwait();
        return new CoroutineAwaiter<T>(this);
    }

    internal void SetResultCore(T result)
    {
        _result = result;
        Complete(null);
    }

    internal override object? ResultAsObject => _result;

    internal override Future CreateTypedTask(EventLoop loop) => loop.CreateTask(this);

    internal T GetResult()
    {
        ThrowIfFailed();
        return _result;
    }
}

/// <summary>Where a coroutine object is in its life.</summary>
internal enum CoroutineState : byte
{
    /// <summary>Created by calling the method; nothing consumed it yet.</summary>
    Created,
    /// <summary>Handed to a task that has not stepped it yet.</summary>
    Scheduled,
    /// <summary>Running or suspended.</summary>
    Started,
    /// <summary>Returned or raised.</summary>
    Completed,
    /// <summary>Closed without running.</summary>
    Closed,
}

/// <summary>
/// Notices coroutine objects as they are created, so the ones never awaited can be reported.
/// Coroutines created while a loop runs on the thread are looked at by that loop after the current
/// iteration (and reported when collected, or when the loop closes); others are watched until the
/// program ends (see <see cref="ProgramContext"/>).
/// </summary>
internal static class CoroutineTracker
{
    public static void Created(Coroutine coroutine)
    {
        if (EventLoop.Running is { } loop)
        {
            coroutine._freshSlot = loop._freshCoroutines.Add(coroutine);
            return;
        }
        var sentinel = new UnawaitedCoroutine(coroutine.QualName, ExecutionContext.Capture());
        coroutine._link = sentinel;
        ProgramContext.WatchOutsideLoop(sentinel);
    }

    /// <summary>
    /// A coroutine from a loop's fresh list was awaited or scheduled (on <paramref name="loop"/>, or
    /// the running one): that loop need not look at it.
    /// </summary>
    public static void Consumed(Coroutine coroutine, EventLoop? loop)
    {
        (loop ?? EventLoop.Running)?._freshCoroutines.Remove(coroutine._freshSlot, coroutine);
        coroutine._freshSlot = 0;
    }
}

/// <summary>
/// The coroutines created during the current loop iteration, which the loop looks at after it to
/// watch those nobody consumed. A coroutine knows its slot, and consuming it (awaiting or scheduling
/// it, usually right after it was created) empties the slot, so in the common case there is nothing
/// left to look at. A burst that grew the array gives it back to <see cref="System.Buffers.ArrayPool{T}.Shared"/>.
/// </summary>
internal sealed class FreshCoroutines
{
    // Slots wrap the reference so that storing one needs no covariant array-store check.
    private struct Slot
    {
        public Coroutine? Coroutine;
    }

    private const int SmallSize = 64;
    private const int KeepSize = 4096;
    // The newest coroutine, while nobody consumed it (its slot is LastSlot): a coroutine is nearly
    // always consumed before the next one is created, so the array is rarely needed.
    private const short LastSlot = -1;
    // The slot of a coroutine beyond short.MaxValue - 1 in the array: it is not removed when consumed,
    // and Drain passes it on (the loop skips consumed coroutines there). Only bursts of more than
    // 32,766 coroutines unconsumed at once get there.
    private const short UnknownSlot = short.MaxValue;
    private Coroutine? _last;
    private Slot[] _slots = new Slot[SmallSize];
    private int _count;
    private int _live;

    public bool IsEmpty => _count == 0 && _last is null;

    /// <summary>Whether a coroutine listed this iteration has not been consumed.</summary>
    public bool HasLive => _live > 0 || _last is not null;

    /// <summary>Starts over when every coroutine listed was consumed (all slots are already empty).</summary>
    public void Reset()
    {
        _count = 0;
        if (_slots.Length > KeepSize) Shrink();
    }

    /// <summary>Lists a new coroutine; returns its slot for <see cref="Remove"/>.</summary>
    public short Add(Coroutine coroutine)
    {
        if (_last is { } previous) previous._freshSlot = AddToArray(previous);
        _last = coroutine;
        return LastSlot;
    }

    private short AddToArray(Coroutine coroutine)
    {
        if (_count == _slots.Length) Grow();
        _slots[_count].Coroutine = coroutine;
        _live++;
        return ++_count < UnknownSlot ? (short)_count : UnknownSlot;
    }

    /// <summary>The coroutine in <paramref name="slot"/> was consumed: forget it (if the slot is really its).</summary>
    public void Remove(short slot, Coroutine coroutine)
    {
        if (slot == LastSlot)
        {
            if (ReferenceEquals(_last, coroutine)) _last = null;
            return;
        }
        if (slot == UnknownSlot) return;
        int index = slot - 1;
        if ((uint)index >= (uint)_count || !ReferenceEquals(_slots[index].Coroutine, coroutine)) return;
        _slots[index].Coroutine = null;
        _live--;
    }

    /// <summary>Calls <paramref name="action"/> on each coroutine still listed, in creation order, then starts over empty.</summary>
    public void Drain<TState>(TState state, Action<TState, Coroutine> action)
    {
        if (_live > 0)
        {
            for (int i = 0; i < _count; i++)
            {
                var coroutine = _slots[i].Coroutine;
                if (coroutine is null) continue;
                _slots[i].Coroutine = null;
                coroutine._freshSlot = 0;
                action(state, coroutine);
            }
        }
        if (_last is { } last)
        {
            _last = null;
            last._freshSlot = 0;
            action(state, last);
        }
        _count = 0;
        _live = 0;
        if (_slots.Length > KeepSize) Shrink();
    }

    private void Shrink()
    {
        System.Buffers.ArrayPool<Slot>.Shared.Return(_slots);
        _slots = new Slot[SmallSize];
    }

    private void Grow()
    {
        var bigger = System.Buffers.ArrayPool<Slot>.Shared.Rent(_slots.Length * 2);
        Array.Copy(_slots, bigger, _count);
        if (_slots.Length > SmallSize)
        {
            Array.Clear(_slots, 0, _count);
            System.Buffers.ArrayPool<Slot>.Shared.Return(_slots);
        }
        _slots = bigger;
    }
}
