using System.Diagnostics;
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
/// it finishes or suspends; <c>CreateTask</c> wraps it in a task whose first step runs on a later
/// loop iteration. A coroutine object runs once: awaiting or scheduling it a second time raises
/// <see cref="RuntimeError"/> (<c>cannot reuse already awaited coroutine</c>). One that is never
/// awaited or scheduled is reported as <c>RuntimeWarning: coroutine 'F' was never awaited</c> when it
/// is collected, or when its loop closes, through <see cref="Warnings.ShowWarning"/>.
/// </para>
/// <para>
/// This non-generic type is the result-less coroutine (<c>async def f() -&gt; None</c>) and the base of
/// every <see cref="Coroutine{T}"/>, so mixed collections of coroutines work.
/// </para>
/// </remarks>
[AsyncMethodBuilder(typeof(CoroutineMethodBuilder))]
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("coroutine")]
public abstract class Coroutine : IAwaitable, IWatchedCoroutine
{
    private CoroutineState _state;
    // Packed: what it holds depends on the state, and each meaning has its own accessor below.
    // Created: null, or the UnawaitedCoroutine watching it (Watch). Scheduled: the task made for it,
    // until its first step (Driver). Started: the coroutine that awaits it inline, resumed when it
    // completes (AwaitedBy, then _hasParent is set), or the task that drives it (Driver, FindDriver),
    // or null. Completed: the exception it raised, or null (Failure).
    private object? _link;
    // Non-zero while the coroutine sits unconsumed in its loop's list of fresh coroutines: its slot
    // there (a short, so that with the other small fields it leaves room for an int result).
    private short _freshSlot;
    private bool _hasParent;

    [MethodImpl(HotPath.Options)]
    private protected Coroutine()
    {
        if (EventLoop.Running is { } loop) _freshSlot = loop.NeverAwaited.Created(this);
        else NeverAwaited.WatchOutsideLoop(this);
    }

    /// <summary>CPython's <c>__qualname__</c>: <c>Main</c>, <c>Main.&lt;locals&gt;.Nested</c>.</summary>
    internal abstract string QualName { get; }

    /// <summary>Runs the body until its next suspension or its end.</summary>
    internal abstract void MoveNext();

    /// <summary>
    /// The task was cancelled while this coroutine awaited a .NET awaitable of type
    /// <paramref name="awaiterType"/>: if that await ended cancelled by <paramref name="ownToken"/>, make
    /// it raise <paramref name="error"/>'s error when the coroutine resumes (see
    /// <c>ForeignAwaitCancellation</c>). False where that cannot be done.
    /// </summary>
    internal virtual bool TryThrowAtForeignAwait(Type awaiterType, CancellationToken ownToken, Func<Exception> error) => false;

    /// <summary>The first <see cref="MoveNext"/>, on <paramref name="loop"/> (the running loop, which saves looking it up).</summary>
    internal virtual void MoveNextFirst(EventLoop loop) => MoveNext();

    internal bool IsCompleted => _state == CoroutineState.Completed;

    /// <summary>The result of a completed coroutine, boxed (None for a result-less one).</summary>
    internal virtual object? ResultAsObject => NoneType.None;

    /// <summary>
    /// The finished coroutine's result as a <typeparamref name="T"/>, for a coroutine reached through the
    /// covariant <see cref="IAwaitable{T}"/>: a <see cref="Coroutine{T}"/>, or one of a class deriving from <typeparamref name="T"/>.
    /// </summary>
    internal T ResultAs<T>() => this is Coroutine<T> typed ? typed.Result : (T)ResultAsObject!;

    /// <summary>
    /// A task on <paramref name="loop"/> that drives this coroutine, with the coroutine's own result
    /// type (for callers that do not know it, such as <c>Gather</c>): <c>ensure_future(coro)</c>.
    /// </summary>
    internal virtual Future CreateTask(EventLoop loop) => CreateResultlessTask(loop);

    /// <summary>A result-less task (a <c>PyTask</c>) for this coroutine, whatever its runtime type.</summary>
    private protected Future CreateResultlessTask(EventLoop loop) => TaskFactory.Installed.CreateTask(this, loop);

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

    // ---------------------------------------------------------------- being awaited and scheduled

    [MethodImpl(HotPath.Options)]
    private protected void BeginAwait()
    {
        var loop = EventLoop.Running ?? throw new RuntimeError("no running event loop");
        if (loop.Step.Driver is null)
        {
            // Plain .NET code on the loop is awaiting us: a task drives the coroutine.
            ThrowIfReused();
            CreateTask(loop);
            return;
        }
        StartInline(loop);
    }

    /// <summary>Marks the coroutine as consumed (awaited, scheduled or closed): it will not be reported as never awaited.</summary>
    [MethodImpl(HotPath.Options)]
    internal void Consume(EventLoop? loop = null)
    {
        if (_freshSlot != 0)
        {
            (loop ?? EventLoop.Running)?.NeverAwaited.Consumed(_freshSlot, this);
            _freshSlot = 0;
        }
        if (_link is UnawaitedCoroutine sentinel)
        {
            sentinel.Consume();
            _link = null;
        }
        if (_state == CoroutineState.Created) _state = CoroutineState.Scheduled;
    }

    /// <exception cref="RuntimeError">The coroutine already ran or is running.</exception>
    internal void ThrowIfReused()
    {
        if (_state > CoroutineState.Scheduled) throw new RuntimeError("cannot reuse already awaited coroutine");
    }

    /// <summary>
    /// <c>await coro</c>: run the first step now, inside the current task. When the stack has too
    /// little room left to go one coroutine deeper, the coroutine instead completes at once with
    /// <see cref="RecursionError"/>, which the awaiter raises at the <c>await</c> (CPython raises it
    /// when the new frame passes the recursion limit), rather than the process dying of a stack overflow.
    /// </summary>
    [MethodImpl(HotPath.Options)]
    internal void StartInline(EventLoop loop)
    {
        ThrowIfReused();
        Consume(loop);
        _state = CoroutineState.Started;
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Complete(new RecursionError("maximum recursion depth exceeded"));
            return;
        }
        MoveNextFirst(loop);
    }

    /// <summary>A task was made for this coroutine: until its first step, the task is its driver.</summary>
    [MethodImpl(HotPath.Options)]
    internal void ScheduledBy(Future task)
    {
        Consume(task.LoopOrNull);
        if (_state == CoroutineState.Scheduled && _link is null) _link = task;
    }

    /// <summary>The first step of <paramref name="driver"/>, the task driving this coroutine.</summary>
    [MethodImpl(HotPath.Options)]
    internal void StartFromTask(ICoroutineDriver driver, EventLoop loop)
    {
        ThrowIfReused();
        Consume(loop);
        _state = CoroutineState.Started;
        _link = driver;
        MoveNextFirst(loop);
    }

    /// <summary>A task took over this coroutine, which started inline elsewhere and is suspended.</summary>
    internal void DrivenBy(ICoroutineDriver driver) => _link = driver;

    /// <summary>A task cancelled before its first step: the coroutine never runs (CPython's throw into a fresh coroutine).</summary>
    internal void CloseUnstarted()
    {
        if (_state > CoroutineState.Scheduled) return;
        Consume();
        _state = CoroutineState.Closed;
    }

    /// <summary>The task made for this coroutine (scheduled, or driving it from the top), if any.</summary>
    internal Future? Driver => _state != CoroutineState.Completed ? _link as Future : null;

    /// <summary>Started inline, suspended, and not yet linked to anything that resumes it.</summary>
    internal bool IsSuspendedInline => _state == CoroutineState.Started && _link is null;

    /// <summary>Whether the coroutine has finished, or was closed before it ran (<c>cr_frame is None</c>).</summary>
    internal bool IsFinished => _state is CoroutineState.Completed or CoroutineState.Closed;

    /// <summary>The task driving this coroutine: follow the chain of awaiting coroutines to its top.</summary>
    internal ICoroutineDriver? FindDriver()
    {
        object? link = this;
        while (link is Coroutine c) link = c._link;
        return link as ICoroutineDriver;
    }

    // ---------------------------------------------------------------- running and finishing

    /// <summary>This coroutine suspended inside <paramref name="parent"/>'s <c>await</c>: resume the parent when it completes.</summary>
    [MethodImpl(HotPath.Options)]
    internal void AwaitedBy(Coroutine parent)
    {
        _link = parent;
        _hasParent = true;
    }

    /// <summary>The body raised <paramref name="exception"/>: the coroutine is done (CPython: the exception leaves the frame).</summary>
    internal void Raise(Exception exception) => Complete(exception);

    [MethodImpl(HotPath.Options)]
    private protected void Complete(Exception? exception)
    {
        if (!_hasParent)
        {
            _link = exception;
            _state = CoroutineState.Completed;
            return;
        }
        var parent = Unchecked.As<Coroutine>(_link!); // _hasParent: _link is the awaiting coroutine.
        _link = exception;
        _state = CoroutineState.Completed;
        parent.MoveNext();
    }

    /// <summary>What the completed coroutine raised, or null.</summary>
    internal Exception? Failure => _state == CoroutineState.Completed ? _link as Exception : null;

    /// <summary>
    /// The end of <c>await coro</c> for a result-less coroutine: rethrows what it raised, with its
    /// original stack trace. A coroutine whose task ended before running it (cancelled before its first
    /// step) raises what the task raises.
    /// </summary>
    [MethodImpl(HotPath.Options)]
    internal void ThrowIfFailedForAwait()
    {
        if (_state != CoroutineState.Completed && _link is Future driver) driver.Result();
        if (Failure is { } e)
        {
            // A RecursionError climbs a chain as deep as the stack allows, and each rethrow that keeps
            // the original trace copies it and adds to it: quadratic over tens of thousands of awaits.
            // Its trace is the current await only (CPython elides the repeats, too).
            if (e is RecursionError) ThrowKeepingOnlyThisTrace(e);
            ExceptionDispatchInfo.Throw(e);
        }
    }

    // A throw statement would keep the await path's methods from being inlined: a helper throws.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowKeepingOnlyThisTrace(Exception e) => throw e;

    // ---------------------------------------------------------------- never-awaited tracking

    string IWatchedCoroutine.QualName => QualName;

    bool IWatchedCoroutine.IsUnconsumed => _state == CoroutineState.Created && _link is null;

    void IWatchedCoroutine.Watch(UnawaitedCoroutine sentinel) => _link = sentinel;

    short IFreshItem.FreshSlot
    {
        get => _freshSlot;
        set => _freshSlot = value;
    }

    /// <summary>Where a coroutine object is in its life.</summary>
    private enum CoroutineState : byte
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
}

/// <summary>
/// A coroutine object whose body returns a <typeparamref name="T"/>: the result of calling an
/// <c>async Coroutine&lt;T&gt;</c> method. Awaiting it gives the result. See <see cref="Coroutine"/>.
/// </summary>
[AsyncMethodBuilder(typeof(CoroutineMethodBuilder<>))]
public abstract class Coroutine<T> : Coroutine, IAwaitable<T>
{
    private T _result = default!;

    [MethodImpl(HotPath.Options)]
    private protected Coroutine() { }

    /// <summary>Awaits the coroutine: runs it inline in the current task and gives its result.</summary>
    /// <exception cref="RuntimeError">The coroutine was already awaited, or no event loop runs on this thread.</exception>
    public new CoroutineAwaiter<T> GetAwaiter()
    {
        BeginAwait();
        return new CoroutineAwaiter<T>(this);
    }

    /// <summary>The body returned <paramref name="result"/>: the coroutine is done.</summary>
    [MethodImpl(HotPath.Options)]
    internal void Return(T result)
    {
        _result = result;
        Complete(null);
    }

    /// <summary>The result of a coroutine that completed without raising.</summary>
    internal T Result => _result;

    internal override object? ResultAsObject => _result;

    internal override Future CreateTask(EventLoop loop) => TaskFactory.Installed.CreateTask(this, loop);

    /// <summary>The end of <c>await coro</c>: its result, or what it raised (see <see cref="Coroutine.ThrowIfFailedForAwait"/>).</summary>
    [MethodImpl(HotPath.Options)]
    internal T GetResultForAwait()
    {
        ThrowIfFailedForAwait();
        return _result;
    }
}
