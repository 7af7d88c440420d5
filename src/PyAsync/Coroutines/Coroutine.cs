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
    // Non-zero while the coroutine sits unconsumed in the fresh list of the loop with this stamp.
    internal int _freshStamp;

    private protected Coroutine() => CoroutineTracker.Created(this);

    /// <summary>CPython's <c>__qualname__</c>: <c>Main</c>, <c>Main.&lt;locals&gt;.Nested</c>.</summary>
    internal abstract string QualName { get; }

    /// <summary>Runs the body until its next suspension or its end.</summary>
    internal abstract void MoveNext();

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
        StartInline();
    }

    /// <summary>Marks the coroutine as consumed: it will not be reported as never awaited.</summary>
    internal void Consume()
    {
        if (_freshStamp != 0) CoroutineTracker.Consumed(this);
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
    internal void StartInline()
    {
        ThrowIfReused();
        Consume();
        _state = CoroutineState.Started;
        MoveNext();
    }

    /// <summary>The first step of a task driving this coroutine.</summary>
    internal void StartFromTask(object task)
    {
        ThrowIfReused();
        Consume();
        _state = CoroutineState.Started;
        _link = task;
        MoveNext();
    }

    /// <summary>A task cancelled before its first step: the coroutine never runs (CPython's throw into a fresh coroutine).</summary>
    internal void CloseUnstarted()
    {
        if (_state > CoroutineState.Scheduled) return;
        Consume();
        _state = CoroutineState.Closed;
    }

    private protected void Complete(Exception? exception)
    {
        var parent = _link as Coroutine;
        _link = exception;
        _state = CoroutineState.Completed;
        parent?.MoveNext();
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
            loop._freshCoroutines.Add(coroutine);
            coroutine._freshStamp = loop._freshStamp;
            loop._freshUnconsumed++;
            return;
        }
        var sentinel = new UnawaitedCoroutine(coroutine.QualName, ExecutionContext.Capture());
        coroutine._link = sentinel;
        ProgramContext.WatchOutsideLoop(sentinel);
    }

    /// <summary>
    /// A coroutine from a loop's fresh list was awaited or scheduled: if that loop runs here, it
    /// counts one fewer to look at, and with none left it skips looking (the common case).
    /// </summary>
    public static void Consumed(Coroutine coroutine)
    {
        if (EventLoop.Running is { } loop && loop._freshStamp == coroutine._freshStamp) loop._freshUnconsumed--;
        coroutine._freshStamp = 0;
    }
}

/// <summary>
/// The coroutines created during the current loop iteration, which the loop looks at after it. Kept
/// in fixed chunks from <see cref="System.Buffers.ArrayPool{T}.Shared"/>, so that adding never copies
/// and a burst of coroutines leaves no large array behind once it has been looked at.
/// </summary>
internal sealed class FreshCoroutines
{
    // Slots wrap the reference so that storing one needs no covariant array-store check.
    private struct Slot
    {
        public Coroutine? Coroutine;
    }

    private const int ChunkSize = 512;
    private readonly Slot[] _first = new Slot[ChunkSize];
    private List<Slot[]>? _more;
    private Slot[] _current;
    private int _inCurrent;

    public FreshCoroutines() => _current = _first;

    public bool IsEmpty => _inCurrent == 0 && _current == _first;

    public void Add(Coroutine coroutine)
    {
        if (_inCurrent == ChunkSize)
        {
            _current = System.Buffers.ArrayPool<Slot>.Shared.Rent(ChunkSize);
            (_more ??= []).Add(_current);
            _inCurrent = 0;
        }
        _current[_inCurrent++].Coroutine = coroutine;
    }

    /// <summary>Forgets every coroutine without looking at them.</summary>
    public void Clear()
    {
        if (IsEmpty) return;
        Array.Clear(_first, 0, _current == _first ? _inCurrent : ChunkSize);
        if (_more is not null)
        {
            foreach (var chunk in _more)
            {
                Array.Clear(chunk, 0, chunk == _current ? _inCurrent : ChunkSize);
                System.Buffers.ArrayPool<Slot>.Shared.Return(chunk);
            }
            _more.Clear();
        }
        _current = _first;
        _inCurrent = 0;
    }

    /// <summary>Calls <paramref name="action"/> on each coroutine in the order they were added, then forgets them all.</summary>
    public void Drain<TState>(TState state, Action<TState, Coroutine> action)
    {
        if (IsEmpty) return;
        int lastCount = _inCurrent;
        DrainChunk(_first, _current == _first ? lastCount : ChunkSize, state, action);
        if (_more is not null)
        {
            foreach (var chunk in _more)
            {
                DrainChunk(chunk, chunk == _current ? lastCount : ChunkSize, state, action);
                System.Buffers.ArrayPool<Slot>.Shared.Return(chunk);
            }
            _more.Clear();
        }
        _current = _first;
        _inCurrent = 0;
    }

    private static void DrainChunk<TState>(Slot[] chunk, int count, TState state, Action<TState, Coroutine> action)
    {
        for (int i = 0; i < count; i++)
        {
            var coroutine = chunk[i].Coroutine!;
            chunk[i].Coroutine = null;
            action(state, coroutine);
        }
    }
}
