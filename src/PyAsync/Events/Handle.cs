using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Handle</c>: a callback scheduled with <see cref="EventLoop.CallSoon(Action, ExecutionContext?)"/>
/// (or a timer, converted from a <see cref="TimerHandle"/>), which <see cref="Cancel"/> can withdraw before it runs.
/// </summary>
/// <remarks>
/// <para>
/// The callback runs in the <see cref="ExecutionContext"/> captured when it was scheduled (Python's
/// <c>contextvars</c> context). An exception it throws does not stop the loop: it goes to the loop's
/// exception handler as <c>Exception in callback ...</c>, as in CPython.
/// </para>
/// <para>
/// Differs from CPython: a handle is a small struct, so that <c>CallSoon</c> allocates nothing. The
/// loop reuses the storage of a callback that has run, so once it has run the handle no longer knows
/// it: <see cref="Cancel"/> then does nothing and <see cref="Cancelled"/> stays false (CPython
/// records the late call), <see cref="GetContext"/> returns null and <see cref="ToString"/> shows no
/// callback. While the callback is pending, and forever after it was cancelled, the handle behaves
/// as CPython's. Handles from <c>CallSoonThreadsafe</c> and timers are never reused.
/// </para>
/// </remarks>
public readonly struct Handle : IEquatable<Handle>
{
    private readonly IHandleTarget? _target;
    private readonly int _version;

    internal Handle(IHandleTarget target, int version)
    {
        _target = target;
        _version = version;
    }

    /// <summary>Mirrors <c>Handle.cancel()</c>: the callback will not run. Cancelling twice, or after it ran, does nothing.</summary>
    public void Cancel() => _target?.Cancel(_version);

    /// <summary>Mirrors <c>Handle.cancelled()</c>.</summary>
    public bool Cancelled() => _target?.Cancelled(_version) ?? false;

    /// <summary>Mirrors <c>Handle.get_context()</c>: the context the callback runs in; null once it has run.</summary>
    public ExecutionContext? GetContext() => _target?.GetContext(_version);

    /// <summary>CPython's repr: <c>&lt;Handle PrintIt()&gt;</c>, <c>&lt;Handle cancelled&gt;</c>.</summary>
    public override string ToString() => _target?.Repr(_version) ?? "<Handle>";

    /// <summary>A timer is a handle too, as CPython's <c>TimerHandle</c> subclasses <c>Handle</c>.</summary>
    public static implicit operator Handle(TimerHandle timer) => new(timer ?? throw new ArgumentNullException(nameof(timer)), 0);

    /// <summary>Whether both handles stand for the same scheduled callback.</summary>
    public bool Equals(Handle other) => ReferenceEquals(_target, other._target) && _version == other._version;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Handle other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_target, _version);

    /// <summary>Whether both handles stand for the same scheduled callback.</summary>
    public static bool operator ==(Handle left, Handle right) => left.Equals(right);

    /// <summary>Whether the handles stand for different scheduled callbacks.</summary>
    public static bool operator !=(Handle left, Handle right) => !left.Equals(right);
}

/// <summary>
/// Mirrors <c>asyncio.TimerHandle</c>: a callback scheduled for a time with
/// <see cref="EventLoop.CallLater(double, Action, ExecutionContext?)"/> or <see cref="EventLoop.CallAt(double, Action, ExecutionContext?)"/>.
/// It converts to <see cref="Handle"/>.
/// </summary>
public sealed class TimerHandle : IScheduledTimer, IHandleTarget
{
    private readonly EventLoop _loop;
    private ScheduledCall _call;
    internal readonly double _when;
    private bool _scheduled;

    internal TimerHandle(EventLoop loop, double when, Delegate callback, object? arg,
        Action<Delegate, object?>? invoke, ExecutionContext? context)
    {
        _loop = loop;
        _when = when;
        _call = new ScheduledCall(callback, arg, invoke, context);
    }

    bool IScheduledTimer.IsCancelled => _call.IsCancelled;

    bool IScheduledTimer.IsScheduled
    {
        get => _scheduled;
        set => _scheduled = value;
    }

    /// <summary>Mirrors <c>TimerHandle.when()</c>: the scheduled time, on the loop's <see cref="EventLoop.Time"/> scale.</summary>
    public double When() => _when;

    /// <summary>Mirrors <c>TimerHandle.cancel()</c>; the loop drops cancelled timers lazily, as CPython does.</summary>
    public void Cancel()
    {
        if (_call.IsCancelled) return;
        if (_scheduled) _loop._timerCancelledCount++;
        _call.Cancel();
    }

    /// <summary>Mirrors <c>TimerHandle.cancelled()</c>.</summary>
    public bool Cancelled() => _call.IsCancelled;

    /// <summary>Mirrors <c>TimerHandle.get_context()</c>.</summary>
    public ExecutionContext? GetContext() => _call.Context;

    void IReadyCallback.Run(object? arg) => _call.Run(_loop, this, 0);

    string IReadyCallback.Describe(object? arg) => _call.Format();

    void IHandleTarget.Cancel(int version) => Cancel();

    bool IHandleTarget.Cancelled(int version) => Cancelled();

    ExecutionContext? IHandleTarget.GetContext(int version) => GetContext();

    string IHandleTarget.Repr(int version) => ToString();

    ref ScheduledCall IHandleTarget.Call => ref _call;

    /// <summary>CPython's repr: <c>&lt;TimerHandle when=12.5 PrintIt()&gt;</c>, <c>&lt;TimerHandle cancelled when=12.5&gt;</c>.</summary>
    public override string ToString() => _call.Repr("TimerHandle", $"when={Builtins.Repr(_when)}");
}

/// <summary>What a <see cref="Handle"/> refers to: a pooled callback of the loop, or a timer.</summary>
internal interface IHandleTarget
{
    void Cancel(int version);

    bool Cancelled(int version);

    ExecutionContext? GetContext(int version);

    string Repr(int version);

    /// <summary>The callback itself.</summary>
    ref ScheduledCall Call { get; }
}

/// <summary>
/// A callback in the ready queue scheduled with <c>CallSoon</c>. The loop keeps a free list of
/// them: one that has run is reused by the next <c>CallSoon</c> under a new version, so handles to
/// its earlier use see that it is gone. A cancelled one is never reused, so its handles stay true.
/// </summary>
internal sealed class CallbackNode : IReadyCallback, IHandleTarget
{
    private readonly EventLoop _loop;
    private readonly bool _reusable;
    private ScheduledCall _call;
    private int _version;

    public CallbackNode(EventLoop loop, bool reusable)
    {
        _loop = loop;
        _reusable = reusable;
    }

    /// <summary>Fills the node for a new use and returns the handle to it.</summary>
    public Handle Prepare(Delegate callback, object? arg, Action<Delegate, object?>? invoke, ExecutionContext? context)
    {
        _call.Reuse(callback, arg, invoke, context);
        return new Handle(this, _version);
    }

    public void Run(object? arg)
    {
        if (_call.IsCancelled) return;
        _call.Run(_loop, this, _version);
        if (_reusable && !_call.IsCancelled)
        {
            _call.Release();
            _version++;
            _loop.ReturnNode(this);
        }
    }

    public string Describe(object? arg) => _call.Format();

    public void Cancel(int version)
    {
        if (version == _version) _call.Cancel();
    }

    public bool Cancelled(int version) => version == _version && _call.IsCancelled;

    public ExecutionContext? GetContext(int version) => version == _version ? _call.Context : null;

    public string Repr(int version) => version == _version ? _call.Repr("Handle", null) : "<Handle>";

    public ref ScheduledCall Call => ref _call;

    public override string ToString() => _call.Repr("Handle", null);
}

/// <summary>The callback, its argument and its context: what a handle or a timer runs, and how it reports.</summary>
internal struct ScheduledCall
{
    private Delegate? _callback;
    private object? _arg;
    private Action<Delegate, object?>? _invoke;
    private ExecutionContext? _context;
    private bool _cancelled;

    public ScheduledCall(Delegate callback, object? arg, Action<Delegate, object?>? invoke, ExecutionContext? context)
    {
        _callback = callback;
        _arg = arg;
        _invoke = invoke;
        _context = context ?? ExecutionContext.Capture();
        _cancelled = false;
    }

    public readonly bool IsCancelled => _cancelled;

    /// <summary>
    /// Fills a pooled call for a new use. The invoker and the context are usually what they were
    /// last time, so they are stored only when they differ (each store of a reference costs a GC
    /// write barrier).
    /// </summary>
    public void Reuse(Delegate callback, object? arg, Action<Delegate, object?>? invoke, ExecutionContext? context)
    {
        _callback = callback;
        if (arg is not null) _arg = arg;
        if (!ReferenceEquals(_invoke, invoke)) _invoke = invoke;
        context ??= ExecutionContext.Capture();
        if (!ReferenceEquals(_context, context)) _context = context;
        _cancelled = false;
    }

    /// <summary>
    /// A pooled call has run: drop the callback and its argument. The invoker (one per argument type)
    /// and the context (usually the loop's own) stay for the next use.
    /// </summary>
    public void Release()
    {
        _callback = null;
        _arg = null;
    }

    public readonly ExecutionContext? Context => _context;

    public void Cancel()
    {
        if (_cancelled) return;
        _cancelled = true;
        _callback = null;
        _arg = null;
        _invoke = null;
    }

    /// <summary>
    /// Runs the callback in its context. An exception goes to the loop's handler, with the handle of
    /// <paramref name="owner"/> (this call's holder) at <paramref name="version"/>.
    /// </summary>
    public readonly void Run(EventLoop loop, IHandleTarget owner, int version)
    {
        if (_cancelled) return;
        try
        {
            if (_context is null || _context == loop._runContext)
            {
                Invoke();
                loop.RestoreRunContext();
            }
            else
            {
                ExecutionContext.Run(_context, static o => ((IHandleTarget)o!).Call.Invoke(), owner);
            }
        }
        catch (Exception e)
        {
            loop.RestoreRunContext();
            loop.CallExceptionHandler(new Dictionary<string, object?>
            {
                ["message"] = $"Exception in callback {Format()}",
                ["exception"] = e,
                ["handle"] = owner is TimerHandle timer ? timer : new Handle(owner, version),
            });
        }
    }

    public readonly void Invoke()
    {
        var callback = _callback!;
        if (_invoke is null) ((Action)callback)();
        else _invoke(callback, _arg);
    }

    /// <summary>CPython's <c>_format_callback</c>: <c>Name(args)</c>.</summary>
    public readonly string Format() =>
        _callback is null ? "" : Names.OfDelegate(_callback) + (_invoke is null ? "()" : $"({Builtins.Repr(_arg)})");

    /// <summary>CPython's handle repr: the class, <c>cancelled</c>, extra info (a timer's <c>when=</c>), the callback.</summary>
    public readonly string Repr(string className, string? extra)
    {
        var info = new List<string> { className };
        if (_cancelled) info.Add("cancelled");
        if (extra is not null) info.Add(extra);
        if (_callback is not null) info.Add(Format());
        return $"<{string.Join(' ', info)}>";
    }
}

/// <summary>Invokers for the generic <c>CallSoon&lt;T&gt;(Action&lt;T&gt;, T)</c> shapes, so no closure is allocated.</summary>
internal static class HandleInvoker<T>
{
    // The delegate and the argument were stored together by CallSoon<T>, so their types are known.
    public static readonly Action<Delegate, object?> Instance = typeof(T).IsValueType
        ? static (d, arg) => Unsafe.As<Action<T>>(d)((T)arg!)
        : static (d, arg) => Unsafe.As<Action<T>>(d)(Unsafe.As<object?, T>(ref arg));
}
