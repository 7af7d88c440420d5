namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.TimerHandle</c>: a callback scheduled for a time with
/// <see cref="EventLoop.CallLater(double, Action, ExecutionContext?)"/> or <see cref="EventLoop.CallAt(double, Action, ExecutionContext?)"/>.
/// As in CPython, it is a <see cref="Handle"/>.
/// </summary>
[PyTypeName("asyncio.events.TimerHandle")]
public class TimerHandle : Handle, IScheduledTimer
{
    private readonly EventLoop _loop;
    private readonly double _when;
    private bool _scheduled;

    private protected TimerHandle(EventLoop loop, double when, Delegate callback, ExecutionContext? context)
        : base(callback, context)
    {
        _loop = loop;
        _when = when;
    }

    /// <summary>A timer for <c>call_at(when, callback)</c>.</summary>
    internal static TimerHandle For(EventLoop loop, double when, Action callback, ExecutionContext? context) =>
        new(loop, when, callback, context);

    /// <summary>A timer for <c>call_at(when, callback, arg)</c>.</summary>
    internal static TimerHandle For<T>(EventLoop loop, double when, Action<T> callback, T arg, ExecutionContext? context) =>
        new TimerHandle<T>(loop, when, callback, arg, context);

    /// <summary>Mirrors <c>TimerHandle.when()</c>: the scheduled time, on the loop's <see cref="EventLoop.Time"/> scale.</summary>
    public double When() => _when;

    bool IScheduledTimer.IsCancelled => Cancelled();

    bool IScheduledTimer.IsScheduled
    {
        get => _scheduled;
        set => _scheduled = value;
    }

    private protected override string ClassName => "TimerHandle";

    private protected override string? ExtraInfo => $"when={Builtins.Repr(_when)}";

    /// <summary>The loop drops cancelled timers lazily, as CPython does: it counts them toward a clean-up.</summary>
    private protected override void OnCancel()
    {
        if (_scheduled) _loop.TimerCancelled();
    }

    void IReadyCallback.Run(object? arg) => RunOn(_loop);
}

/// <summary>A <see cref="TimerHandle"/> whose callback takes one argument.</summary>
internal sealed class TimerHandle<T>(EventLoop loop, double when, Action<T> callback, T arg, ExecutionContext? context)
    : TimerHandle(loop, when, callback, context), IUserCode
{
    private T _arg = arg;

    void IUserCode.Invoke() => Unchecked.As<Action<T>>(Callback!)(_arg); // made with an Action<T>

    private protected override string FormatArguments() => $"({PyRepr.LimitedRepr(_arg)})";

    private protected override void ClearArgument() => _arg = default!;
}
