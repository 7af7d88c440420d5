namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Handle</c>: a callback scheduled with <see cref="EventLoop.CallSoon(Action, ExecutionContext?)"/>,
/// which <see cref="Cancel"/> can withdraw before it runs.
/// </summary>
/// <remarks>
/// The callback runs in the <see cref="ExecutionContext"/> captured when it was scheduled (Python's
/// <c>contextvars</c> context). An exception it throws does not stop the loop: it goes to the loop's
/// exception handler as <c>Exception in callback ...</c>, as in CPython.
/// </remarks>
public class Handle : IReadyCallback
{
    private protected readonly EventLoop _loop;
    private Delegate? _callback;
    private object? _arg;
    private readonly Action<Delegate, object?>? _invoke;
    private readonly ExecutionContext? _context;
    private bool _cancelled;

    internal Handle(EventLoop loop, Delegate callback, object? arg, Action<Delegate, object?>? invoke, ExecutionContext? context)
    {
        _loop = loop;
        _callback = callback;
        _arg = arg;
        _invoke = invoke;
        _context = context ?? ExecutionContext.Capture();
    }

    internal bool IsCancelled => _cancelled;

    /// <summary>Mirrors <c>Handle.cancel()</c>: the callback will not run. Cancelling twice does nothing.</summary>
    public virtual void Cancel()
    {
        if (_cancelled) return;
        _cancelled = true;
        _callback = null;
        _arg = null;
    }

    /// <summary>Mirrors <c>Handle.cancelled()</c>.</summary>
    public bool Cancelled() => _cancelled;

    /// <summary>Mirrors <c>Handle.get_context()</c>: the context the callback runs in.</summary>
    public ExecutionContext? GetContext() => _context;

    void IReadyCallback.Run(object? arg) => Run();

    string IReadyCallback.Describe(object? arg) => FormatCallback();

    internal void Run()
    {
        if (_cancelled) return;
        try
        {
            if (_context is null || _context == ExecutionContext.Capture()) Invoke();
            else ExecutionContext.Run(_context, static h => ((Handle)h!).Invoke(), this);
        }
        catch (Exception e)
        {
            _loop.CallExceptionHandler(new Dictionary<string, object?>
            {
                ["message"] = $"Exception in callback {FormatCallback()}",
                ["exception"] = e,
                ["handle"] = this,
            });
        }
    }

    private void Invoke()
    {
        var callback = _callback!;
        if (_invoke is null) ((Action)callback)();
        else _invoke(callback, _arg);
    }

    /// <summary>CPython's <c>_format_callback</c>: <c>Name(args)</c>.</summary>
    internal string FormatCallback() =>
        _callback is null ? "" : Names.OfDelegate(_callback) + (_invoke is null ? "()" : $"({Builtins.Repr(_arg)})");

    private protected virtual void AppendInfo(List<string> info)
    {
        if (_cancelled) info.Add("cancelled");
        if (_callback is not null) info.Add(FormatCallback());
    }

    /// <summary>CPython's repr: <c>&lt;Handle PrintIt()&gt;</c>, <c>&lt;Handle cancelled&gt;</c>.</summary>
    public override string ToString()
    {
        var info = new List<string> { GetType() == typeof(TimerHandle) ? "TimerHandle" : "Handle" };
        AppendInfo(info);
        return $"<{string.Join(' ', info)}>";
    }
}

/// <summary>
/// Mirrors <c>asyncio.TimerHandle</c>: a callback scheduled for a time with
/// <see cref="EventLoop.CallLater(double, Action, ExecutionContext?)"/> or <see cref="EventLoop.CallAt(double, Action, ExecutionContext?)"/>.
/// </summary>
public sealed class TimerHandle : Handle
{
    internal readonly double _when;
    internal readonly long _sequence;
    internal bool _scheduled;

    internal TimerHandle(EventLoop loop, double when, long sequence, Delegate callback, object? arg,
        Action<Delegate, object?>? invoke, ExecutionContext? context)
        : base(loop, callback, arg, invoke, context)
    {
        _when = when;
        _sequence = sequence;
    }

    /// <summary>Mirrors <c>TimerHandle.when()</c>: the scheduled time, on the loop's <see cref="EventLoop.Time"/> scale.</summary>
    public double When() => _when;

    /// <summary>Mirrors <c>TimerHandle.cancel()</c>; the loop drops cancelled timers lazily, as CPython does.</summary>
    public override void Cancel()
    {
        if (!IsCancelled && _scheduled) _loop._timerCancelledCount++;
        base.Cancel();
    }

    private protected override void AppendInfo(List<string> info)
    {
        base.AppendInfo(info);
        info.Insert(IsCancelled ? 2 : 1, $"when={Builtins.Repr(_when)}");
    }
}

/// <summary>Invokers for the generic <c>CallSoon&lt;T&gt;(Action&lt;T&gt;, T)</c> shapes, so no closure is allocated.</summary>
internal static class HandleInvoker<T>
{
    public static readonly Action<Delegate, object?> Instance = static (d, arg) => ((Action<T>)d)((T)arg!);
}
