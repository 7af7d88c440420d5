using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Future</c> without its result type: the one base shared by every future and
/// task, so that mixed collections work. Awaiting it gives the result as an <see cref="object"/>.
/// </summary>
/// <remarks>
/// <para>
/// A future is pending, then finished (with a result or an exception) or cancelled. Done callbacks
/// are never run inline: when the future completes they are scheduled on its loop with
/// <c>call_soon</c>, in the order they were added.
/// </para>
/// <para>
/// As in CPython, futures are not thread-safe: complete them on the loop's thread, or from another
/// thread through <see cref="EventLoop.CallSoonThreadsafe(Action, ExecutionContext?)"/>. In debug mode,
/// completing one from another thread raises <see cref="RuntimeError"/>, as CPython's debug mode does.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("_asyncio.Future")]
public abstract class Future : IAwaitable, IFailedFuture
{
    private EventLoop? _loop;
    private FutureState _state;
    // CPython's __log_traceback: an exception is set and nobody retrieved it yet.
    private bool _logTraceback;
    private FutureFlags _flags;
    // A byte that would otherwise be padding, lent to tasks (see TaskByte): every task is 8 bytes smaller.
    private byte _taskByte;
    // One field for two things a future never holds at once (every future and task is 8 bytes smaller).
    // Pending: the done callbacks, packed (see Runtime/DoneCallbacks.cs, the only code that reads them).
    // Once done, the callbacks are gone (taken out and scheduled by the completion, TakeCallbacks, before
    // it stores the outcome) and it holds the outcome. Finished: the exception, or null (FinishedException).
    // Cancelled: the cancel message (a string), or the CancelledError that cancelled a task, raised once
    // (MakeCancelledError).
    private object? _callbacksOrError;

    [MethodImpl(HotPath.Options)]
    private protected Future(EventLoop? loop, bool isTask = false)
    {
        _loop = loop;
        if (isTask) _flags = FutureFlags.IsTask;
    }

    /// <summary>Mirrors <c>fut.done()</c>: finished or cancelled.</summary>
    public bool Done() => _state != FutureState.Pending;

    /// <summary>Mirrors <c>fut.cancelled()</c>.</summary>
    public bool Cancelled() => _state == FutureState.Cancelled;

    /// <summary>
    /// Mirrors <c>fut.cancel(msg=None)</c>: if pending, marks the future cancelled, schedules its
    /// callbacks and returns true; returns false if it is already done.
    /// </summary>
    public virtual bool Cancel(string? msg = null) => CancelCore(msg);

    /// <summary>Mirrors <c>fut.get_loop()</c>.</summary>
    /// <exception cref="RuntimeError">The future was created with no event loop to bind to and has not been awaited.</exception>
    public EventLoop GetLoop() => _loop ?? ThrowNotInitialized();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static EventLoop ThrowNotInitialized() => throw new RuntimeError("Future object is not initialized.");

    /// <summary>Mirrors <c>fut.result()</c> for any result type: the result as an object.</summary>
    /// <exception cref="CancelledError">The future was cancelled.</exception>
    /// <exception cref="InvalidStateError">The future is not done.</exception>
    public object? Result()
    {
        ThrowIfNoResult();
        return BoxedResult();
    }

    private protected abstract object? BoxedResult();

    /// <summary>
    /// <see cref="Result()"/> as a <typeparamref name="T"/>, for a future reached through the covariant
    /// <see cref="IAwaitable{T}"/>: a <see cref="Future{T}"/>, or a future of a class deriving from <typeparamref name="T"/>.
    /// </summary>
    internal T ResultAs<T>() => this is Future<T> typed ? typed.Result() : (T)Result()!;

    /// <summary>
    /// Mirrors <c>fut.exception()</c>: the exception the future finished with, or null. Retrieving it
    /// means it will not be reported as never retrieved.
    /// </summary>
    /// <exception cref="CancelledError">The future was cancelled.</exception>
    /// <exception cref="InvalidStateError">The future is not done.</exception>
    public System.Exception? Exception()
    {
        if (_state == FutureState.Cancelled) throw MakeCancelledError();
        if (_state != FutureState.Finished) throw new InvalidStateError("Exception is not set.");
        MarkRetrieved();
        return FinishedException;
    }

    /// <summary>Mirrors <c>fut.set_exception(exception)</c>: finishes the future with an exception.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    /// <exception cref="InvalidStateError">The future is already done.</exception>
    /// <exception cref="RuntimeError">The future is a task (tasks finish from their coroutine).</exception>
    public void SetException(System.Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (IsTask) throw new RuntimeError("Task does not support set_exception operation");
        if (_state != FutureState.Pending) throw new InvalidStateError("invalid state");
        SetExceptionCore(exception);
    }

    /// <summary>
    /// Mirrors <c>fut.add_done_callback(fn, context=None)</c>: <paramref name="fn"/> is called with the
    /// future once it is done, through the loop's <c>call_soon</c>, in <paramref name="context"/> (default:
    /// the current <see cref="ExecutionContext"/>). If the future is already done it is scheduled at once.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    /// <exception cref="RuntimeError">The future has no event loop and none is running or set.</exception>
    public void AddDoneCallback(Action<Future> fn, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        AddCallback(new DoneCallback<Future>(fn, this, context));
    }

    /// <summary>
    /// Mirrors <c>fut.remove_done_callback(fn)</c>: removes every registration of <paramref name="fn"/>
    /// (same method and target) and returns how many there were.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    public int RemoveDoneCallback(Action<Future> fn) => RemoveDelegate(fn);

    private protected int RemoveDelegate(Delegate fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        if (_state != FutureState.Pending) return 0;
        return DoneCallbacks.RemoveWhere(ref _callbacksOrError, cb => cb is IDoneCallback user && user.Callback.Method == fn.Method && Equals(user.Callback.Target, fn.Target));
    }

    /// <summary>Awaits the future; the result comes back as an <see cref="object"/>.</summary>
    public FutureAwaiter GetAwaiter() => new(this);

    /// <summary>CPython's repr: <c>&lt;Future pending&gt;</c>, <c>&lt;Future finished result=42&gt;</c>, <c>&lt;Future cancelled&gt;</c>.</summary>
    public override string ToString() => $"<{PyClassName} {string.Join(' ', ReprInfo())}>";

    // ---------------------------------------------------------------- the loop

    /// <summary>The loop the future belongs to, or null while it is unbound.</summary>
    internal EventLoop? LoopOrNull => _loop;

    /// <summary>Binds an unbound future to a loop (the running one, else the thread's current one).</summary>
    /// <exception cref="RuntimeError">There is no loop to bind to.</exception>
    internal EventLoop BindLoop()
    {
        if (_loop is { } loop) return loop;
        return _loop = EventLoop.CurrentOrNull ?? throw new RuntimeError("There is no current event loop in thread.");
    }

    /// <summary>Binds an unbound future to <paramref name="loop"/>; returns whether the future belongs to it.</summary>
    internal bool BindTo(EventLoop loop)
    {
        _loop ??= loop;
        return _loop == loop;
    }

    // ---------------------------------------------------------------- state, for the runtime

    internal bool IsTask => (_flags & FutureFlags.IsTask) != 0;

    /// <summary>Finished without an exception: its result can be read as is.</summary>
    internal bool FinishedWithResult => _state == FutureState.Finished && _callbacksOrError is null;

    /// <summary>The exception of a finished future, or null.</summary>
    private System.Exception? FinishedException => _state == FutureState.Finished ? _callbacksOrError as System.Exception : null;

    /// <summary>The message of a cancelled future (CPython's <c>_cancel_message</c>); null for a task its coroutine cancelled.</summary>
    internal string? CancelMessage => _state == FutureState.Cancelled ? _callbacksOrError as string : null;

    /// <summary>The token a cancelled future's <see cref="Future{T}.AsTask()"/> is cancelled with: a task's own token, else a cancelled one.</summary>
    internal virtual CancellationToken TokenForAsTask => new(canceled: true);

    /// <summary>
    /// For a task: the context a contextvars token made in its step belongs to (the Context it runs
    /// in, or the task itself); null for a plain future.
    /// </summary>
    internal virtual object? ContextOwner => null;

    /// <summary>A task's <c>_must_cancel</c>: cancel the coroutine at its next step (kept in the future's flags).</summary>
    private protected bool MustCancel
    {
        get => (_flags & FutureFlags.MustCancel) != 0;
        set => _flags = value ? _flags | FutureFlags.MustCancel : _flags & ~FutureFlags.MustCancel;
    }

    /// <summary>
    /// A task's message for a cancellation not delivered yet (CPython's <c>_cancel_message</c> of a
    /// pending task), which <see cref="MakeCancelledError"/> gives a pending future's error; a plain
    /// future has none (a task keeps its own).
    /// </summary>
    private protected virtual string? PendingCancelMessage => null;

    /// <summary>A byte a task keeps its own state in (what its coroutine suspended on).</summary>
    private protected byte TaskByte
    {
        get => _taskByte;
        set => _taskByte = value;
    }

    /// <summary>CPython's <c>__log_traceback = False</c>. Written only when set, so reading a result does not dirty the future.</summary>
    internal void MarkRetrieved()
    {
        if (_logTraceback) _logTraceback = false;
    }

    bool IFailedFuture.LogTraceback => _logTraceback;

    bool IFailedFuture.IsTask => IsTask;

    System.Exception IFailedFuture.FailedWith => FinishedException!;

    private protected void SetExceptionCore(System.Exception exception)
    {
        var callbacks = TakeCallbacks();
        _callbacksOrError = exception;
        _state = FutureState.Finished;
        ScheduleCallbacks(callbacks);
        _logTraceback = true;
        _loop?.NoteFailed(this);
    }

    private protected void SetResultState()
    {
        var callbacks = TakeCallbacks();
        _state = FutureState.Finished;
        ScheduleCallbacks(callbacks);
    }

    /// <summary>
    /// Cancels without a task's override (CPython's <c>super().cancel()</c>): <paramref name="messageOrError"/>
    /// is the message, or the <see cref="CancelledError"/> a task's coroutine raised.
    /// </summary>
    private protected bool CancelCore(object? messageOrError)
    {
        _logTraceback = false;
        if (_state != FutureState.Pending) return false;
        var callbacks = TakeCallbacks();
        _state = FutureState.Cancelled;
        _callbacksOrError = messageOrError;
        ScheduleCallbacks(callbacks);
        return true;
    }

    /// <summary>CPython's <c>_make_cancelled_error()</c>: the saved error once, else a new one with the message.</summary>
    internal CancelledError MakeCancelledError()
    {
        if (_state == FutureState.Cancelled && _callbacksOrError is CancelledError saved)
        {
            _callbacksOrError = null;
            return saved;
        }
        string? message = _state switch
        {
            FutureState.Cancelled => _callbacksOrError as string,
            FutureState.Pending => PendingCancelMessage,
            _ => null,
        };
        return message is not null ? new CancelledError(message) : new CancelledError();
    }

    private protected void ThrowIfNoResult()
    {
        if (_state == FutureState.Cancelled) throw MakeCancelledError();
        if (_state != FutureState.Finished) throw new InvalidStateError("Result is not set.");
        MarkRetrieved();
        if (_callbacksOrError is System.Exception e) ExceptionDispatchInfo.Throw(e);
    }

    /// <summary>What a task waiting on this future raises when it resumes too early: the check of <c>__await__</c>.</summary>
    internal void ThrowIfNotDoneForAwait()
    {
        if (_state == FutureState.Pending) throw new RuntimeError("await wasn't used with future");
    }

    // ---------------------------------------------------------------- done callbacks

    [MethodImpl(HotPath.Options)]
    internal void AddCallback(IReadyCallback callback)
    {
        if (_state != FutureState.Pending) BindLoop().EnqueueReady(callback, this);
        else
        {
            if (_loop is null) BindLoop();
            DoneCallbacks.Add(ref _callbacksOrError, callback);
        }
    }

    /// <summary>Whether <paramref name="callback"/> is the last done callback added (and still there).</summary>
    internal bool LastCallbackIs(IReadyCallback callback) => _state == FutureState.Pending && DoneCallbacks.LastIs(_callbacksOrError, callback);

    /// <summary>
    /// <see cref="AddInlineCallback"/> for a pending future of <paramref name="loop"/> that has no done
    /// callback yet; returns false (adding nothing) otherwise.
    /// </summary>
    [MethodImpl(HotPath.Options)]
    internal bool TryAddOnlyInlineCallback(EventLoop loop, IInlineDoneCallback callback)
    {
        if (_state != FutureState.Pending || _loop != loop || _callbacksOrError is not null) return false;
        _callbacksOrError = callback;
        _flags |= FutureFlags.HasInlineCallbacks;
        return true;
    }

    /// <summary>Adds a done callback that may handle the completion inline, without a trip through the ready queue.</summary>
    internal void AddInlineCallback(IInlineDoneCallback callback)
    {
        _flags |= FutureFlags.HasInlineCallbacks;
        AddCallback(callback);
    }

    internal int RemoveCallback(IReadyCallback callback) =>
        _state == FutureState.Pending ? DoneCallbacks.RemoveWhere(ref _callbacksOrError, cb => ReferenceEquals(cb, callback)) : 0;

    /// <summary>The done callbacks of a pending future that is completing: taken out, so the field can hold the outcome.</summary>
    private object? TakeCallbacks()
    {
        var callbacks = _callbacksOrError;
        _callbacksOrError = null;
        return callbacks;
    }

    /// <summary>Schedules the callbacks <see cref="TakeCallbacks"/> took, once the outcome is stored.</summary>
    [MethodImpl(HotPath.Options)]
    private void ScheduleCallbacks(object? callbacks)
    {
        if (callbacks is null) return;
        var loop = _loop!;
        if ((_flags & FutureFlags.HasInlineCallbacks) == 0 && DoneCallbacks.IsSingle(callbacks))
        {
            // The common case: one callback (the task awaiting this future), to schedule.
            loop.EnqueueReady(DoneCallbacks.At(callbacks, 0), this);
            return;
        }
        for (int i = 0, count = DoneCallbacks.Count(callbacks); i < count; i++)
        {
            var callback = DoneCallbacks.At(callbacks, i);
            if (callback is IInlineDoneCallback inlineCallback && inlineCallback.TryRunInline(this)) continue;
            loop.EnqueueReady(callback, this);
        }
    }

    // ---------------------------------------------------------------- repr

    /// <summary>CPython's <c>_future_repr_info</c>.</summary>
    private protected virtual List<string> ReprInfo()
    {
        var info = new List<string> { _state switch { FutureState.Pending => "pending", FutureState.Cancelled => "cancelled", _ => "finished" } };
        if (_state == FutureState.Finished)
        {
            info.Add(_callbacksOrError is System.Exception e ? $"exception={PyRepr.ExceptionRepr(e)}" : $"result={PyRepr.LimitedRepr(BoxedResult())}");
        }
        var callbacks = _state == FutureState.Pending ? DoneCallbacks.ToArray(_callbacksOrError) : [];
        if (callbacks.Length > 0)
        {
            static string Format(IReadyCallback cb) => cb.Describe(null);
            info.Add("cb=[" + callbacks.Length switch
            {
                1 => Format(callbacks[0]),
                2 => $"{Format(callbacks[0])}, {Format(callbacks[1])}",
                _ => $"{Format(callbacks[0])}, <{callbacks.Length - 2} more>, {Format(callbacks[^1])}",
            } + "]");
        }
        return info;
    }

    /// <summary>The class name CPython's repr shows.</summary>
    private protected virtual string PyClassName => IsTask ? "Task" : "Future";

    /// <summary>A future's rarely changing booleans, in one byte.</summary>
    [Flags]
    private enum FutureFlags : byte
    {
        None = 0,
        /// <summary>The future is a task (fixed at construction).</summary>
        IsTask = 1,
        /// <summary>Some done callback may finish inline (see <see cref="IInlineDoneCallback"/>).</summary>
        HasInlineCallbacks = 2,
        /// <summary>A task's <c>_must_cancel</c>.</summary>
        MustCancel = 4,
    }

    private enum FutureState : byte
    {
        Pending,
        Cancelled,
        Finished,
    }
}

/// <summary>
/// Mirrors <c>asyncio.Future</c>: a low-level awaitable that will hold a result of type
/// <typeparamref name="T"/> (or an exception) set by someone else.
/// </summary>
/// <remarks>
/// Create one with <c>Future&lt;T&gt;()</c>, <c>new Future&lt;T&gt;()</c> or <c>loop.CreateFuture&lt;T&gt;()</c>.
/// A future created with no running loop (as in Python, <c>Future()</c> outside <c>asyncio.run</c>) binds
/// to a loop when it is first awaited or given a callback.
/// </remarks>
public class Future<T> : Future, IAwaitable<T>
{
    private T _result = default!;

    /// <summary>Mirrors <c>asyncio.Future()</c>: bound to the running loop, else the thread's current one, else unbound for now.</summary>
    public Future() : base(EventLoop.CurrentOrNull) { }

    /// <summary>Mirrors <c>asyncio.Future(loop=loop)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="loop"/> is null.</exception>
    public Future(EventLoop loop) : base(loop ?? throw new ArgumentNullException(nameof(loop))) { }

    private protected Future(EventLoop loop, bool isTask) : base(loop, isTask) { }

    /// <summary>
    /// Mirrors <c>fut.result()</c>: the result, or the exception the future finished with, rethrown
    /// with its original stack trace.
    /// </summary>
    /// <exception cref="CancelledError">The future was cancelled.</exception>
    /// <exception cref="InvalidStateError">The future is not done.</exception>
    public new T Result()
    {
        ThrowIfNoResult();
        return _result;
    }

    /// <summary>
    /// The end of <c>await future</c> (CPython's <c>__await__</c>: <c>return self.result()</c>), with
    /// the common case first: a result, which has nothing to mark as retrieved.
    /// </summary>
    /// <exception cref="RuntimeError">The future is not done (the task resumed too early).</exception>
    [MethodImpl(HotPath.Options)]
    internal T ResultForAwait()
    {
        if (FinishedWithResult) return _result;
        ThrowIfNotDoneForAwait();
        return Result();
    }

    /// <summary>The result of a future that finished without an exception, read without marking anything.</summary>
    internal bool TryGetResult(out T result)
    {
        result = _result;
        return FinishedWithResult;
    }

    private protected override object? BoxedResult() => _result;

    /// <summary>Mirrors <c>fut.set_result(result)</c>: finishes the future and schedules its callbacks.</summary>
    /// <exception cref="InvalidStateError">The future is already done.</exception>
    /// <exception cref="RuntimeError">The future is a task (tasks finish from their coroutine).</exception>
    [MethodImpl(HotPath.Options)]
    public void SetResult(T result)
    {
        if (IsTask) throw new RuntimeError("Task does not support set_result operation");
        if (Done()) throw new InvalidStateError("invalid state");
        SetResultCore(result);
    }

    private protected void SetResultCore(T result)
    {
        _result = result;
        SetResultState();
    }

    /// <summary>Mirrors <c>fut.add_done_callback(fn, context=None)</c> with a callback that takes this future's type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    /// <exception cref="RuntimeError">The future has no event loop and none is running or set.</exception>
    public void AddDoneCallback(Action<Future<T>> fn, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        AddCallback(new DoneCallback<Future<T>>(fn, this, context));
    }

    /// <summary>Mirrors <c>fut.remove_done_callback(fn)</c>; returns how many registrations were removed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    public int RemoveDoneCallback(Action<Future<T>> fn) => RemoveDelegate(fn);

    /// <summary>Awaits the future: its result, or its exception thrown at the <c>await</c>.</summary>
    public new FutureAwaiter<T> GetAwaiter() => new(this);

    /// <summary>
    /// A .NET <see cref="Task{TResult}"/> that completes, faults or is cancelled when this future does,
    /// for handing to TPL code. Its continuations never run inline on the loop's thread.
    /// </summary>
    public Task<T> AsTask() => AsTaskBridge<T>.Start(this);

    /// <summary>
    /// <see cref="AsTask()"/> with a wait that <paramref name="cancellationToken"/> can give up: the
    /// returned task is cancelled when the token is, but this future (or task) is not. It goes on, and
    /// its outcome is still there for whoever awaits it on the loop. To cancel the future itself, call
    /// <see cref="Future.Cancel(string?)"/> on the loop's thread (from another thread, through
    /// <see cref="EventLoop.CallSoonThreadsafe(Action, ExecutionContext?)"/>). No Python equivalent.
    /// </summary>
    public Task<T> AsTask(CancellationToken cancellationToken) => AsTask().WaitAsync(cancellationToken);
}
