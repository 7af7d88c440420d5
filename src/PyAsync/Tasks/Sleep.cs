using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// The coroutine object of <c>asyncio.sleep(delay, result)</c>, written by hand rather than as an
/// async method: a bare yield for a delay of 0 or less, otherwise a future completed by a timer.
/// </summary>
internal sealed class SleepCoroutine<T> : Coroutine<T>
{
    private readonly double _delay;
    private readonly T _value;
    private Future<T>? _future;
    private TimerHandle? _timer;
    private byte _step;

    public SleepCoroutine(double delay, T value)
    {
        if (double.IsNaN(delay)) throw new ValueError("Invalid delay: NaN (not a number)");
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
                    if (_delay <= 0)
                    {
                        _step = 1;
                        Suspension.YieldBare(loop, this);
                        return;
                    }
                    _step = 2;
                    _future = loop.CreateFuture<T>();
                    _timer = loop.Schedule(loop.Time() + _delay, (Action<SleepCoroutine<T>>)SetResultUnlessCancelled, this,
                        HandleInvoker<SleepCoroutine<T>>.Instance, ExecutionContext.Capture());
                    Suspension.YieldFuture(_future, this);
                    return;
                case 1:
                    if (Suspension.TakeThrownIn() is { } thrown) SetExceptionCore(thrown);
                    else SetResultCore(_value);
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
