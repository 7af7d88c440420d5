using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>concurrent.futures.Future</c>: a result that threads other than the loop's can block on
/// (<see cref="Result"/>) or await (<see cref="AsTask()"/>). <see cref="Asyncio.RunCoroutineThreadsafe{T}(Coroutine{T}, EventLoop)"/>
/// returns one.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe, unlike an asyncio <see cref="Future{T}"/>: every method may be called from any thread.
/// Done callbacks run on the thread that completes the future (for a future from
/// <c>RunCoroutineThreadsafe</c>, the loop's), or at once on the caller's if it is done already; an
/// exception one throws is logged as <c>exception calling callback for &lt;Future ...&gt;</c>, as CPython's
/// <c>concurrent.futures</c> logger does, and the other callbacks still run.
/// </para>
/// <para>
/// Differences from CPython: a cancelled future raises PyAsync's <see cref="CancelledError"/> (CPython's
/// <c>concurrent.futures.CancelledError</c> is a different class from asyncio's; PyAsync has one), and
/// a timeout raises PyAsync's <see cref="TimeoutError"/> (the builtin one, as in Python 3.11 and later).
/// An executor job (<c>ToThread</c>, <c>RunInExecutor</c>) blocked in <see cref="Result"/> or
/// <see cref="Exception"/> on a future of its own loop lets a virtual clock jump meanwhile: it cannot
/// go on before the loop does.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("concurrent.futures._base.Future")]
public class ConcurrentFuture<T>
{
    private enum State : byte
    {
        Pending,
        Running,
        Cancelled,
        CancelledAndNotified,
        Finished,
    }

    private readonly object _lock = new();
    private State _state;
    private T _result = default!;
    private Exception? _exception;
    private List<Action<ConcurrentFuture<T>>>? _callbacks;
    // The loop whose work completes this future: its executor jobs blocked on it let a virtual clock jump.
    private readonly EventLoop? _loop;

    /// <summary>Mirrors <c>concurrent.futures.Future()</c>: a pending future, completed by <see cref="SetResult"/> or <see cref="SetException"/>.</summary>
    public ConcurrentFuture() { }

    /// <summary>A future completed by work on <paramref name="loop"/>.</summary>
    internal ConcurrentFuture(EventLoop loop) => _loop = loop;

    /// <summary>Mirrors <c>future.done()</c>: finished or cancelled.</summary>
    public bool Done()
    {
        lock (_lock) return _state is State.Cancelled or State.CancelledAndNotified or State.Finished;
    }

    /// <summary>Mirrors <c>future.cancelled()</c>.</summary>
    public bool Cancelled()
    {
        lock (_lock) return _state is State.Cancelled or State.CancelledAndNotified;
    }

    /// <summary>
    /// Mirrors <c>future.running()</c>. A future from <c>RunCoroutineThreadsafe</c> is pending until
    /// its task is done, then finished: it is never seen running, as in CPython.
    /// </summary>
    public bool Running()
    {
        lock (_lock) return _state == State.Running;
    }

    /// <summary>
    /// Mirrors <c>future.cancel()</c>: cancels a pending future and returns true (also if it was
    /// cancelled already); returns false if it is running or finished. For a future from
    /// <c>RunCoroutineThreadsafe</c>, this cancels the task on its loop (CPython's <c>_chain_future</c>).
    /// </summary>
    public bool Cancel()
    {
        lock (_lock)
        {
            if (_state is State.Running or State.Finished) return false;
            if (_state is State.Cancelled or State.CancelledAndNotified) return true;
            _state = State.Cancelled;
            Monitor.PulseAll(_lock);
        }
        InvokeCallbacks();
        return true;
    }

    /// <summary>
    /// Mirrors <c>future.result(timeout=None)</c>: the result, waiting up to <paramref name="timeout"/>
    /// seconds (null: no limit) for it; blocks the calling thread, so never call it on the loop's thread
    /// for a future the loop must complete.
    /// </summary>
    /// <exception cref="CancelledError">The future was cancelled.</exception>
    /// <exception cref="TimeoutError">The future is not done after <paramref name="timeout"/> seconds.</exception>
    /// <exception cref="System.Exception">The exception the work raised, rethrown with its stack trace.</exception>
    public T Result(double? timeout = null)
    {
        lock (_lock)
        {
            if (!IsDoneLocked) WaitLocked(timeout);
            if (_state is State.Cancelled or State.CancelledAndNotified) throw new CancelledError();
            if (_state != State.Finished) throw new TimeoutError();
            if (_exception is not null) ExceptionDispatchInfo.Throw(_exception);
            return _result;
        }
    }

    /// <summary>
    /// Mirrors <c>future.exception(timeout=None)</c>: the exception the work raised, or null, waiting
    /// up to <paramref name="timeout"/> seconds (null: no limit).
    /// </summary>
    /// <exception cref="CancelledError">The future was cancelled.</exception>
    /// <exception cref="TimeoutError">The future is not done after <paramref name="timeout"/> seconds.</exception>
    public Exception? Exception(double? timeout = null)
    {
        lock (_lock)
        {
            if (!IsDoneLocked) WaitLocked(timeout);
            if (_state is State.Cancelled or State.CancelledAndNotified) throw new CancelledError();
            if (_state != State.Finished) throw new TimeoutError();
            return _exception;
        }
    }

    /// <summary>
    /// Mirrors <c>future.add_done_callback(fn)</c>: <paramref name="fn"/> runs with this future when it
    /// is done, on the thread that completes it, or at once if it is done already.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    public void AddDoneCallback(Action<ConcurrentFuture<T>> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        lock (_lock)
        {
            if (!IsDoneLocked)
            {
                (_callbacks ??= []).Add(fn);
                return;
            }
        }
        Call(fn);
    }

    /// <summary>
    /// Mirrors <c>future.set_running_or_notify_cancel()</c> (for executors): false if the future was
    /// cancelled, else marks it running and returns true.
    /// </summary>
    /// <exception cref="RuntimeError">The future is running or finished already.</exception>
    public bool SetRunningOrNotifyCancel()
    {
        lock (_lock)
        {
            switch (_state)
            {
                case State.Cancelled:
                    _state = State.CancelledAndNotified;
                    return false;
                case State.Pending:
                    _state = State.Running;
                    return true;
                default:
                    throw new RuntimeError("Future in unexpected state");
            }
        }
    }

    /// <summary>Mirrors <c>future.set_result(result)</c> (for executors).</summary>
    /// <exception cref="InvalidStateError">The future is cancelled or finished already (<c>&lt;Future ...&gt;: ...</c>, as CPython's message).</exception>
    public void SetResult(T result)
    {
        lock (_lock)
        {
            if (_state is State.Cancelled or State.CancelledAndNotified or State.Finished)
                throw new InvalidStateError($"{_state}: {this}");
            _result = result;
            _state = State.Finished;
            Monitor.PulseAll(_lock);
        }
        InvokeCallbacks();
    }

    /// <summary>Mirrors <c>future.set_exception(exception)</c> (for executors).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    /// <exception cref="InvalidStateError">The future is cancelled or finished already.</exception>
    public void SetException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        lock (_lock)
        {
            if (_state is State.Cancelled or State.CancelledAndNotified or State.Finished)
                throw new InvalidStateError($"{_state}: {this}");
            _exception = exception;
            _state = State.Finished;
            Monitor.PulseAll(_lock);
        }
        InvokeCallbacks();
    }

    /// <summary>
    /// A .NET <see cref="Task{TResult}"/> that completes, faults or is cancelled when this future does,
    /// for TPL code on other threads (no Python equivalent; CPython's <c>asyncio.wrap_future</c> is the
    /// asyncio side of it). Its continuations never run inline on the thread completing the future.
    /// </summary>
    public Task<T> AsTask()
    {
        var source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        AddDoneCallback(f =>
        {
            lock (f._lock)
            {
                if (f._state is State.Cancelled or State.CancelledAndNotified) source.TrySetCanceled();
                else if (f._exception is not null) source.TrySetException(f._exception);
                else source.TrySetResult(f._result);
            }
        });
        return source.Task;
    }

    /// <summary>
    /// <see cref="AsTask()"/> with a wait that <paramref name="cancellationToken"/> can give up: the
    /// returned task is cancelled when the token is, but this future, and the coroutine behind it, are
    /// not; <see cref="Cancel"/> cancels those.
    /// </summary>
    public Task<T> AsTask(CancellationToken cancellationToken) => AsTask().WaitAsync(cancellationToken);

    /// <summary>CPython's repr: <c>&lt;Future at 0x... state=pending&gt;</c>, <c>state=finished returned int</c>, <c>state=finished raised ValueError</c>.</summary>
    public override string ToString()
    {
        lock (_lock)
        {
            string address = $"0x{RuntimeHelpers.GetHashCode(this):x}";
            string state = _state switch
            {
                State.Pending => "pending",
                State.Running => "running",
                State.Finished => "finished",
                _ => "cancelled",
            };
            if (_state != State.Finished) return $"<Future at {address} state={state}>";
            return _exception is not null
                ? $"<Future at {address} state={state} raised {PyTypes.ExceptionName(_exception.GetType())}>"
                : $"<Future at {address} state={state} returned {ResultTypeName()}>";
        }
    }

    private string ResultTypeName()
    {
        var name = Builtins.Str(Builtins.Type(_result));
        // "<class 'int'>" -> "int", "<class '__main__.Point'>" -> "Point": CPython prints __name__.
        name = name.Length > 10 ? name[8..^2] : name;
        int dot = name.LastIndexOf('.');
        return dot >= 0 ? name[(dot + 1)..] : name;
    }

    private bool IsDoneLocked => _state is State.Cancelled or State.CancelledAndNotified or State.Finished;

    private void WaitLocked(double? timeout)
    {
        if (timeout is <= 0) return;
        // An executor job of this future's loop, blocked here, lets the loop's virtual clock move on.
        var loop = _loop is not null && EventLoopThreads.ExecutorJobLoop == _loop ? _loop : null;
        loop?.OutsideWork.ExecutorJobBlocked();
        try
        {
            if (timeout is null)
            {
                while (!IsDoneLocked) Monitor.Wait(_lock);
                return;
            }
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Min(timeout.Value, int.MaxValue / 1000.0));
            while (!IsDoneLocked)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_lock, left)) return;
            }
        }
        finally
        {
            loop?.OutsideWork.ExecutorJobUnblocked();
        }
    }

    private void InvokeCallbacks()
    {
        List<Action<ConcurrentFuture<T>>>? callbacks;
        lock (_lock)
        {
            callbacks = _callbacks;
            _callbacks = null;
        }
        if (callbacks is null) return;
        foreach (var fn in callbacks) Call(fn);
    }

    private void Call(Action<ConcurrentFuture<T>> fn)
    {
        try
        {
            fn(this);
        }
        catch (Exception e)
        {
            // concurrent.futures' LOGGER.exception('exception calling callback for %r', self)
            Logger.CallbackFailed(ToString(), e);
        }
    }
}

/// <summary>
/// Mirrors <c>concurrent.futures.Future</c> for a result-less coroutine
/// (<c>RunCoroutineThreadsafe(coro, loop)</c> with a <see cref="Coroutine"/>): its result is
/// <see cref="NoneType.None"/>.
/// </summary>
public sealed class ConcurrentFuture : ConcurrentFuture<NoneType>
{
    /// <summary>Mirrors <c>concurrent.futures.Future()</c>.</summary>
    public ConcurrentFuture() { }

    internal ConcurrentFuture(EventLoop loop) : base(loop) { }

    /// <summary>Mirrors <c>future.add_done_callback(fn)</c> with a callback that takes a result-less future.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    public void AddDoneCallback(Action<ConcurrentFuture> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        base.AddDoneCallback(f => fn((ConcurrentFuture)f)); // base: the lambda also fits this overload
    }
}
