using System.Runtime.CompilerServices;
using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// <c>asyncio.sleep(delay)</c>: a delay of 0 or less is one bare yield, which lets every other ready
/// callback run once; otherwise a future completed by a timer.
/// </summary>
internal static class SleepCoroutine
{
    /// <summary><c>sleep(delay)</c>.</summary>
    /// <exception cref="ValueError"><paramref name="delay"/> is not a number.</exception>
    [MethodImpl(HotPath.Options)]
    public static Coroutine Create(double delay)
    {
        CheckDelay(delay);
        return delay <= 0 ? new YieldCoroutine() : new SleepCoroutine<NoneType>(delay, NoneType.None);
    }

    /// <summary><c>sleep(delay, result)</c>.</summary>
    /// <exception cref="ValueError"><paramref name="delay"/> is not a number.</exception>
    public static Coroutine<T> Create<T>(double delay, T result)
    {
        CheckDelay(delay);
        return delay <= 0 ? new YieldCoroutine<T>(result) : new SleepCoroutine<T>(delay, result);
    }

    private static void CheckDelay(double delay)
    {
        if (double.IsNaN(delay)) throw new ValueError("Invalid delay: NaN (not a number)");
    }
}

/// <summary>
/// <c>sleep(0)</c>: CPython's bare <c>yield</c>. The smallest coroutine object there is, since
/// spawning tasks that each <c>await Sleep(0)</c> is common; its static type is the result-less <see cref="Coroutine"/>.
/// </summary>
internal sealed class YieldCoroutine : HandWrittenCoroutine<NoneType>
{
    internal override string QualName => "sleep";

    internal override Future CreateTask(EventLoop loop) => CreateResultlessTask(loop);

    private protected override void Start(EventLoop loop) => YieldOnce(loop);

    private protected override void Resume(Exception? thrown)
    {
        if (thrown is not null) Raise(thrown);
        else Return(NoneType.None);
    }
}

/// <summary><c>sleep(0, result)</c>: <see cref="YieldCoroutine"/> with a result.</summary>
internal sealed class YieldCoroutine<T>(T value) : HandWrittenCoroutine<T>
{
    internal override string QualName => "sleep";

    private protected override void Start(EventLoop loop) => YieldOnce(loop);

    private protected override void Resume(Exception? thrown)
    {
        if (thrown is not null) Raise(thrown);
        else Return(value);
    }
}

/// <summary>
/// <c>sleep(delay)</c> with a positive delay: waits on a future that a timer completes. The coroutine
/// object is its own timer in the loop's heap (CPython makes a <c>TimerHandle</c> for
/// <c>futures._set_result_unless_cancelled</c>), so a sleep costs two objects: this and the future.
/// </summary>
internal sealed class SleepCoroutine<T>(double delay, T value) : HandWrittenCoroutine<T>, IScheduledTimer
{
    private Future<T>? _future;
    private bool _timerScheduled;
    private bool _timerCancelled;

    internal override string QualName => "sleep";

    private protected override void Start(EventLoop loop)
    {
        _future = loop.CreateFuture<T>();
        loop.ScheduleTimer(this, loop.Time() + delay);
        AwaitFuture(loop, _future);
    }

    private protected override void Resume(Exception? thrown)
    {
        // CPython: finally: h.cancel()
        CancelTimer();
        var future = _future!;
        if (thrown is not null) Raise(thrown);
        // What future.result() raises for a cancelled future, passed on as a value, not thrown.
        else if (future.Cancelled()) Raise(future.MakeCancelledError());
        else Return(future.Result());
    }

    private void CancelTimer()
    {
        if (_timerCancelled) return;
        _timerCancelled = true;
        if (_timerScheduled) _future!.GetLoop().TimerCancelled();
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
