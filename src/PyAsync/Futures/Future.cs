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
public abstract class Future : IAwaitable
{
    internal EventLoop? _loop;
    internal FutureState _state;
    internal bool _logTraceback;
    private protected FutureFlags _flags;
    // A task's: what its coroutine suspended on in the running step. Kept here, with the task's
    // flag in _flags, because these bytes would otherwise be padding: every PyTask<int> is 8 bytes smaller.
    private protected YieldKind _waitKind;
    // null, one IReadyCallback, or a CallbackList.
    private object? _callbacks;
    // Finished: the exception or null. Cancelled: the message (string), or the CancelledError that
    // cancelled a task (raised once, as CPython's _cancelled_exc). Pending task: the cancel message.
    internal object? _error;

    private protected Future(EventLoop? loop) => _loop = loop;

    private protected Future(EventLoop? loop, bool isTask)
    {
        _loop = loop;
        if (isTask) _flags = FutureFlags.IsTask;
    }

    internal bool IsTask => (_flags & FutureFlags.IsTask) != 0;

    /// <summary>Mirrors <c>fut.done()</c>: finished or cancelled.</summary>
    public bool Done() => _state != FutureState.Pending;

    /// <summary>Mirrors <c>fut.cancelled()</c>.</summary>
    public bool Cancelled() => _state == FutureState.Cancelled;

    /// <summary>
    /// Mirrors <c>fut.cancel(msg=None)</c>: if pending, marks the future cancelled, schedules its
    /// callbacks and returns true; returns false if it is already done.
    /// </summary>
    public virtual bool Cancel(string? msg = null)
    {
        _logTraceback = false;
        if (_state != FutureState.Pending) return false;
        _state = FutureState.Cancelled;
        _error = msg;
        ScheduleCallbacks();
        return true;
    }

    /// <summary>Mirrors <c>fut.get_loop()</c>.</summary>
    /// <exception cref="RuntimeError">The future was created with no event loop to bind to and has not been awaited.</exception>
    public EventLoop GetLoop() => _loop ?? throw new RuntimeError("Future object is not initialized.");

    /// <summary>
    /// Mirrors <c>fut.result()</c> for any result type: the result as an object.
    /// </summary>
    /// <exception cref="CancelledError">The future was cancelled.</exception>
    /// <exception cref="InvalidStateError">The future is not done.</exception>
    public object? Result()
    {
        ThrowIfNoResult();
        return BoxedResult();
    }

    private protected abstract object? BoxedResult();

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
        return (System.Exception?)_error;
    }

    /// <summary>
    /// Mirrors <c>fut.set_exception(exception)</c>: finishes the future with an exception.
    /// </summary>
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
        AddCallback(new DoneCallback<Future>(fn, context ?? ExecutionContext.Capture()));
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
        return RemoveWhere(cb => cb is IUserCallback user && user.Delegate.Method == fn.Method && Equals(user.Delegate.Target, fn.Target));
    }

    /// <summary>Awaits the future; the result comes back as an <see cref="object"/>.</summary>
    public FutureAwaiter GetAwaiter() => new(this);

    // ---------------------------------------------------------------- internals

    /// <summary>Binds an unbound future to a loop (the running one, else the thread's current one).</summary>
    internal EventLoop BindLoop()
    {
        if (_loop is { } loop) return loop;
        return _loop = EventLoop.CurrentOrNull ?? throw new RuntimeError("There is no current event loop in thread.");
    }

    internal void AddCallback(IReadyCallback callback)
    {
        var loop = BindLoop();
        if (_state != FutureState.Pending)
        {
            loop.EnqueueReady(callback, this);
            return;
        }
        switch (_callbacks)
        {
            case null: _callbacks = callback; break;
            case CallbackList list: list.Add(callback); break;
            default: _callbacks = new CallbackList((IReadyCallback)_callbacks, callback); break;
        }
    }

    /// <summary>Whether <paramref name="callback"/> is the last done callback added (and still there).</summary>
    internal bool LastCallbackIs(IReadyCallback callback) => _callbacks switch
    {
        CallbackList list => list.Count > 0 && ReferenceEquals(list[list.Count - 1], callback),
        var one => ReferenceEquals(one, callback),
    };

    /// <summary>
    /// <see cref="AddInlineCallback"/> for a pending future that has no done callback yet; returns
    /// false (adding nothing) if it has one.
    /// </summary>
    internal bool TryAddOnlyInlineCallback(IInlineDoneCallback callback)
    {
        if (_callbacks is not null) return false;
        _callbacks = callback;
        _flags |= FutureFlags.HasInlineCallbacks;
        return true;
    }

    /// <summary>Adds a done callback that may handle the completion inline, without a trip through the ready queue.</summary>
    internal void AddInlineCallback(IInlineDoneCallback callback)
    {
        _flags |= FutureFlags.HasInlineCallbacks;
        AddCallback(callback);
    }

    internal int RemoveCallback(IReadyCallback callback) => RemoveWhere(cb => ReferenceEquals(cb, callback));

    private int RemoveWhere(Func<IReadyCallback, bool> match)
    {
        switch (_callbacks)
        {
            case null: return 0;
            case CallbackList list: return list.RemoveAll(match);
            default:
                if (!match((IReadyCallback)_callbacks)) return 0;
                _callbacks = null;
                return 1;
        }
    }

    private protected void ScheduleCallbacks()
    {
        var callbacks = _callbacks;
        if (callbacks is null) return;
        _callbacks = null;
        var loop = _loop!;
        if (callbacks is CallbackList list)
        {
            for (int i = 0; i < list.Count; i++) Schedule(loop, list[i]);
        }
        else
        {
            Schedule(loop, (IReadyCallback)callbacks);
        }
    }

    private void Schedule(EventLoop loop, IReadyCallback callback)
    {
        if ((_flags & FutureFlags.HasInlineCallbacks) != 0 && callback is IInlineDoneCallback inline && inline.TryRunInline(this)) return;
        loop.EnqueueReady(callback, this);
    }

    internal void SetExceptionCore(System.Exception exception)
    {
        _error = exception;
        _state = FutureState.Finished;
        ScheduleCallbacks();
        _logTraceback = true;
        _loop?.NoteFailed(this);
    }

    /// <summary>Cancels without the task override (CPython's <c>super().cancel()</c> in a task).</summary>
    internal bool CancelCore(object? messageOrError)
    {
        _logTraceback = false;
        if (_state != FutureState.Pending) return false;
        _state = FutureState.Cancelled;
        _error = messageOrError;
        ScheduleCallbacks();
        return true;
    }

    /// <summary>CPython's <c>_make_cancelled_error()</c>: the saved error once, else a new one with the message.</summary>
    internal CancelledError MakeCancelledError()
    {
        if (_state == FutureState.Cancelled && _error is CancelledError saved)
        {
            _error = null;
            return saved;
        }
        return _error is string message ? new CancelledError(message) : new CancelledError();
    }

    private protected void ThrowIfNoResult()
    {
        if (_state == FutureState.Cancelled) throw MakeCancelledError();
        if (_state != FutureState.Finished) throw new InvalidStateError("Result is not set.");
        MarkRetrieved();
        if (_error is System.Exception e) ExceptionDispatchInfo.Throw(e);
    }

    /// <summary>
    /// CPython's <c>__log_traceback = False</c>. Written only when set: most futures never had an
    /// exception to report, and reading a result should not dirty the future's memory.
    /// </summary>
    internal void MarkRetrieved()
    {
        if (_logTraceback) _logTraceback = false;
    }

    /// <summary>What a task waiting on this future should raise when it resumes: the result check of <c>__await__</c>.</summary>
    internal void ThrowIfNotDoneForAwait()
    {
        if (_state == FutureState.Pending) throw new RuntimeError("await wasn't used with future");
    }

    /// <summary>CPython's <c>_future_repr_info</c>.</summary>
    private protected virtual List<string> ReprInfo()
    {
        var info = new List<string> { _state switch { FutureState.Pending => "pending", FutureState.Cancelled => "cancelled", _ => "finished" } };
        if (_state == FutureState.Finished)
        {
            info.Add(_error is System.Exception e ? $"exception={PyRepr.ExceptionRepr(e)}" : $"result={Builtins.Repr(BoxedResult())}");
        }
        var callbacks = _callbacks switch
        {
            null => [],
            CallbackList list => list.ToArray(),
            var one => new[] { (IReadyCallback)one },
        };
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

    /// <summary>The message of a cancelled future (CPython's <c>_cancel_message</c>); null for a task its coroutine cancelled.</summary>
    internal string? CancelMessage => _state == FutureState.Cancelled ? _error as string : null;

    /// <summary>CPython's repr: <c>&lt;Future pending&gt;</c>, <c>&lt;Future finished result=42&gt;</c>, <c>&lt;Future cancelled&gt;</c>.</summary>
    public override string ToString() => $"<{PyClassName} {string.Join(' ', ReprInfo())}>";
}

/// <summary>
/// Mirrors <c>asyncio.Future</c>: a low-level awaitable that will hold a result of type
/// <typeparamref name="T"/> (or an exception) set by someone else.
/// </summary>
/// <remarks>
/// Create one with <c>Future&lt;T&gt;()</c>, <c>new Future&lt;T&gt;()</c> or <see cref="EventLoop.CreateFuture{T}"/>.
/// A future created with no running loop (as in Python, <c>Future()</c> outside <c>asyncio.run</c>) binds
/// to a loop when it is first awaited or given a callback.
/// </remarks>
public class Future<T> : Future, IAwaitable<T>
{
    internal T _result = default!;

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

    private protected override object? BoxedResult() => _result;

    /// <summary>Mirrors <c>fut.set_result(result)</c>: finishes the future and schedules its callbacks.</summary>
    /// <exception cref="InvalidStateError">The future is already done.</exception>
    /// <exception cref="RuntimeError">The future is a task (tasks finish from their coroutine).</exception>
    public void SetResult(T result)
    {
        if (IsTask) throw new RuntimeError("Task does not support set_result operation");
        if (_state != FutureState.Pending) throw new InvalidStateError("invalid state");
        SetResultCore(result);
    }

    internal void SetResultCore(T result)
    {
        _result = result;
        _state = FutureState.Finished;
        ScheduleCallbacks();
    }

    /// <summary>Mirrors <c>fut.add_done_callback(fn, context=None)</c> with a callback that takes this future's type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    /// <exception cref="RuntimeError">The future has no event loop and none is running or set.</exception>
    public void AddDoneCallback(Action<Future<T>> fn, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        AddCallback(new DoneCallback<Future<T>>(fn, context ?? ExecutionContext.Capture()));
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
    public Task<T> AsTask()
    {
        var source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = _loop ?? EventLoop.CurrentOrNull;
        if (loop is null || !loop.IsRunning() || loop.IsLoopThread) AsTaskBridge<T>.Attach(this, source, loop);
        else loop.PostThreadsafe(AsTaskBridge<T>.AttachLater, (this, source));
        return source.Task;
    }
}

/// <summary>A future's rarely changing booleans, in one byte.</summary>
[Flags]
internal enum FutureFlags : byte
{
    None = 0,
    /// <summary>The future is a task (fixed at construction).</summary>
    IsTask = 1,
    /// <summary>Some done callback may finish inline (see <see cref="IInlineDoneCallback"/>).</summary>
    HasInlineCallbacks = 2,
    /// <summary>A task's <c>_must_cancel</c>: cancel the coroutine at its next step.</summary>
    MustCancel = 4,
}

internal enum FutureState : byte
{
    Pending,
    Cancelled,
    Finished,
}

/// <summary>The done callbacks of a future that has more than one.</summary>
internal sealed class CallbackList
{
    // Slots wrap the reference so that storing one needs no covariant array-store check.
    private struct Slot
    {
        public IReadyCallback Callback;
    }

    private Slot[] _items;
    private int _count;

    public CallbackList(IReadyCallback first, IReadyCallback second)
    {
        _items = new Slot[4];
        _items[0].Callback = first;
        _items[1].Callback = second;
        _count = 2;
    }

    public int Count => _count;

    public IReadyCallback this[int index] => _items[index].Callback;

    public void Add(IReadyCallback callback)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
        _items[_count++].Callback = callback;
    }

    public int RemoveAll(Func<IReadyCallback, bool> match)
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
            if (!match(_items[i].Callback)) _items[kept++] = _items[i];
        int removed = _count - kept;
        Array.Clear(_items, kept, removed);
        _count = kept;
        return removed;
    }

    public IReadyCallback[] ToArray()
    {
        var result = new IReadyCallback[_count];
        for (int i = 0; i < _count; i++) result[i] = _items[i].Callback;
        return result;
    }
}

/// <summary>
/// A done callback of the runtime's own that can often do its work the moment the future completes:
/// when running it later (through the ready queue, as CPython does) could not be told apart from
/// running it now, <see cref="TryRunInline"/> does the work and returns true; otherwise the callback
/// is scheduled as usual.
/// </summary>
internal interface IInlineDoneCallback : IReadyCallback
{
    bool TryRunInline(Future future);
}

/// <summary>A user's done callback: the delegate, the context it runs in, and how it reports an exception.</summary>
internal interface IUserCallback
{
    Delegate Delegate { get; }
}

internal sealed class DoneCallback<TFuture>(Action<TFuture> fn, ExecutionContext? context) : IReadyCallback, IUserCallback
    where TFuture : Future
{
    public Delegate Delegate => fn;

    public void Run(object? arg)
    {
        var future = (TFuture)arg!;
        var loop = future._loop!;
        try
        {
            if (context is null || context == loop._runContext)
            {
                fn(future);
                loop.RestoreRunContext();
            }
            else
            {
                ExecutionContext.Run(context, static state =>
                {
                    var (f, a) = ((Action<TFuture>, TFuture))state!;
                    f(a);
                }, (fn, future));
            }
        }
        catch (Exception e)
        {
            loop.RestoreRunContext();
            loop.CallExceptionHandler(new Dictionary<string, object?>
            {
                ["message"] = $"Exception in callback {Describe(arg)}",
                ["exception"] = e,
                ["handle"] = $"<Handle {Describe(arg)}>",
            });
        }
    }

    public string Describe(object? arg) => $"{Names.OfDelegate(fn)}({(arg is null ? "" : Builtins.Repr(arg))})";
}

/// <summary>Completes a <see cref="TaskCompletionSource{TResult}"/> when a future is done (<see cref="Future{T}.AsTask"/>).</summary>
internal sealed class AsTaskBridge<T> : IReadyCallback
{
    public static readonly IReadyCallback AttachLater = new Attacher();

    private readonly TaskCompletionSource<T> _source;
    private readonly EventLoop? _loop;

    private AsTaskBridge(TaskCompletionSource<T> source, EventLoop? loop)
    {
        _source = source;
        _loop = loop;
    }

    public static void Attach(Future<T> future, TaskCompletionSource<T> source, EventLoop? loop)
    {
        if (future.Done())
        {
            Complete(future, source);
            return;
        }
        loop?.ForeignWaiterStarted();
        future.AddCallback(new AsTaskBridge<T>(source, loop));
    }

    public void Run(object? arg)
    {
        _loop?.ForeignWaiterEnded();
        Complete((Future<T>)arg!, _source);
    }

    private static void Complete(Future<T> future, TaskCompletionSource<T> source)
    {
        if (future.Cancelled())
        {
            source.TrySetCanceled(future is IPyTask task ? task.CancellationToken : new CancellationToken(true));
            return;
        }
        future.MarkRetrieved();
        if (future._error is Exception e) source.TrySetException(e);
        else source.TrySetResult(future._result);
    }

    public string Describe(object? arg) => "Future.as_task.<locals>._done()";

    private sealed class Attacher : IReadyCallback
    {
        public void Run(object? arg)
        {
            var (future, source) = ((Future<T>, TaskCompletionSource<T>))arg!;
            Attach(future, source, future.BindLoop());
        }

        public string Describe(object? arg) => "Future.as_task.<locals>._attach()";
    }
}
