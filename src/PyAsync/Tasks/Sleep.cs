using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// <c>asyncio.sleep(delay, result)</c>: the coroutine objects it returns, written by hand rather than
/// as async methods. A delay of 0 or less is one bare yield (<see cref="YieldCoroutine{T}"/>), otherwise
/// a future completed by a timer (<see cref="SleepCoroutine{T}"/>).
/// </summary>
internal static class Sleeping
{
    public static Coroutine<T> Sleep<T>(double delay, T result)
    {
        if (double.IsNaN(delay)) throw new ValueError("Invalid delay: NaN (not a number)");
        return delay <= 0 ? new YieldCoroutine<T>(result) : new SleepCoroutine<T>(delay, result);
    }
}

/// <summary>
/// <c>sleep(0)</c>: CPython's bare <c>yield</c>, which lets every other ready callback run once. The
/// smallest coroutine object there is, since spawning tasks that each <c>await Sleep(0)</c> is common.
/// </summary>
internal sealed class YieldCoroutine<T>(T value) : Coroutine<T>
{
    private bool _yielded;

    internal override string QualName => "sleep";

    internal override void MoveNext()
    {
        if (!_yielded)
        {
            _yielded = true;
            Suspension.YieldBare(EventLoop.Running!, this);
            return;
        }
        if (Suspension.TakeThrownIn() is { } thrown) SetExceptionCore(thrown);
        else SetResultCore(value);
    }
}

/// <summary><c>sleep(delay)</c> with a positive delay: waits on a future that a timer completes.</summary>
internal sealed class SleepCoroutine<T> : Coroutine<T>
{
    private readonly double _delay;
    private readonly T _value;
    private Future<T>? _future;
    private TimerHandle? _timer;
    private byte _step;

    public SleepCoroutine(double delay, T value)
    {
        _delay = delay;
        _value = value;
    }

    internal override string QualName => "sleep";

    internal override void MoveNext()
    {
        try
        {
            switch (_step)
            {
                case 0:
                    var loop = EventLoop.GetRunningLoop();
                    _step = 1;
                    _future = loop.CreateFuture<T>();
                    _timer = loop.Schedule(loop.Time() + _delay, (Action<SleepCoroutine<T>>)SetResultUnlessCancelled, this,
                        HandleInvoker<SleepCoroutine<T>>.Instance, ExecutionContext.Capture());
                    Suspension.YieldFuture(_future, this);
                    return;
                default:
                    _timer!.Cancel();
                    if (Suspension.TakeThrownIn() is { } error) SetExceptionCore(error);
                    else SetResultCore(_future!.Result());
                    return;
            }
        }
        catch (Exception e)
        {
            SetExceptionCore(e);
        }
    }

    /// <summary>CPython's <c>futures._set_result_unless_cancelled</c>, fired by the timer.</summary>
    private static void SetResultUnlessCancelled(SleepCoroutine<T> sleep)
    {
        if (!sleep._future!.Cancelled()) sleep._future.SetResult(sleep._value);
    }
}
