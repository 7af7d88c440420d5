using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// <c>asyncio.sleep(delay, result)</c>: the coroutine objects it returns, written by hand rather than
/// as async methods. A delay of 0 or less is one bare yield (<see cref="YieldCoroutine"/>), otherwise
/// a future completed by a timer (<see cref="SleepCoroutine{T}"/>).
/// </summary>
internal static class Sleeping
{
    public static Coroutine<T> Sleep<T>(double delay, T result)
    {
        CheckDelay(delay);
        return delay <= 0 ? new YieldCoroutine<T>(result) : new SleepCoroutine<T>(delay, result);
    }

    /// <summary><c>sleep(delay)</c> without a result.</summary>
    public static Coroutine Sleep(double delay)
    {
        CheckDelay(delay);
        return delay <= 0 ? new YieldCoroutine() : new SleepCoroutine<NoneType>(delay, NoneType.None);
    }

    private static void CheckDelay(double delay)
    {
        if (double.IsNaN(delay)) throw new ValueError("Invalid delay: NaN (not a number)");
    }
}

/// <summary>
/// <c>sleep(0)</c>: CPython's bare <c>yield</c>, which lets every other ready callback run once. The
/// smallest coroutine object there is (a result-less coroutine that is not a <c>Coroutine&lt;NoneType&gt;</c>),
/// since spawning tasks that each <c>await Sleep(0)</c> is common.
/// </summary>
internal sealed class YieldCoroutine : Coroutine
{
    private bool _yielded;

    internal override string QualName => "sleep";

    internal override object? ResultAsObject => NoneType.None;

    internal override Future CreateTypedTask(EventLoop loop) => loop.CreateTask(this);

    internal override void MoveNextFirst(EventLoop loop)
    {
        _yielded = true;
        Suspension.YieldBare(loop, this);
    }

    internal override void MoveNext()
    {
        if (_yielded) Complete(Suspension.TakeThrownIn());
        else MoveNextFirst(EventLoop.Running!);
    }
}

/// <summary><c>sleep(0, result)</c>: <see cref="YieldCoroutine"/> with a result.</summary>
internal sealed class YieldCoroutine<T>(T value) : Coroutine<T>
{
    private bool _yielded;

    internal override string QualName => "sleep";

    internal override void MoveNextFirst(EventLoop loop)
    {
        _yielded = true;
        Suspension.YieldBare(loop, this);
    }

    internal override void MoveNext()
    {
        if (!_yielded)
        {
            MoveNextFirst(EventLoop.Running!);
            return;
        }
        if (Suspension.TakeThrownIn() is { } thrown) SetExceptionCore(thrown);
        else SetResultCore(value);
    }
}

/// <summary>
/// <c>sleep(delay)</c> with a positive delay: waits on a future that a timer completes. The coroutine
/// object is its own timer in the loop's heap (CPython makes a <c>TimerHandle</c> for
/// <c>futures._set_result_unless_cancelled</c>), so a sleep costs two objects: this and the future.
/// </summary>
internal sealed class SleepCoroutine<T>(double delay, T value) : Coroutine<T>, IScheduledTimer
{
    private Future<T>? _future;
    private bool _timerScheduled;
    private bool _timerCancelled;

    internal override string QualName => "sleep";

    internal override void MoveNext()
    {
        try
        {
            if (_future is null)
            {
                var loop = EventLoop.GetRunningLoop();
                _future = loop.CreateFuture<T>();
                loop.ScheduleTimer(this, loop.Time() + delay);
                Suspension.YieldFuture(_future, this);
                return;
            }
            // CPython: finally: h.cancel()
            CancelTimer();
            if (Suspension.TakeThrownIn() is { } error) SetExceptionCore(error);
            else SetResultCore(_future.Result());
        }
        catch (Exception e)
        {
            SetExceptionCore(e);
        }
    }

    private void CancelTimer()
    {
        if (_timerCancelled) return;
        _timerCancelled = true;
        if (_timerScheduled) _future!._loop!._timerCancelledCount++;
    }

    bool IScheduledTimer.IsCancelled => _timerCancelled;

    bool IScheduledTimer.IsScheduled
    {
        get => _timerScheduled;
        set => _timerScheduled = value;
    }

    /// <summary>The timer fired: CPython's <c>futures._set_result_unless_cancelled(future, result)</c>.</summary>
    void IReadyCallback.Run(object? arg)
    {
        if (_timerCancelled) return;
        if (!_future!.Cancelled()) _future.SetResult(value);
    }

    string IReadyCallback.Describe(object? arg) => "_set_result_unless_cancelled()";
}
