using System.Runtime.CompilerServices;
using System.Diagnostics;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Handle</c>: a callback scheduled with <see cref="EventLoop.CallSoon(Action, ExecutionContext?)"/>,
/// which <see cref="Cancel"/> can withdraw before it runs. <see cref="TimerHandle"/> derives from it.
/// </summary>
/// <remarks>
/// The callback runs in the <see cref="ExecutionContext"/> captured when it was scheduled (Python's
/// <c>contextvars</c> context). An exception it throws does not stop the loop: it goes to the loop's
/// exception handler as <c>Exception in callback ...</c>, with this handle, as in CPython. A handle
/// keeps describing its callback after it ran; cancelling drops the callback, as CPython does.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.events.Handle")]
public class Handle : IUserCode
{
    private readonly ExecutionContext? _context;
    // CPython's _callback: null once cancelled (the callback and its argument are dropped).
    private Delegate? _callback;

    private protected Handle(Delegate callback, ExecutionContext? context)
    {
        _callback = callback;
        _context = context ?? ExecutionContext.Capture();
    }

    /// <summary>A handle for <c>call_soon(callback)</c>.</summary>
    internal static Handle For(Action callback, ExecutionContext? context) => new(callback, context);

    /// <summary>A handle for <c>call_soon(callback, arg)</c>.</summary>
    internal static Handle For<T>(Action<T> callback, T arg, ExecutionContext? context) => new Handle<T>(callback, arg, context);

    /// <summary>Mirrors <c>Handle.cancel()</c>: the callback will not run. Cancelling twice, or after it ran, records the cancellation and does nothing else.</summary>
    public void Cancel()
    {
        if (_callback is null) return;
        OnCancel();
        _callback = null;
        ClearArgument();
    }

    /// <summary>Mirrors <c>Handle.cancelled()</c>.</summary>
    public bool Cancelled() => _callback is null;

    /// <summary>Mirrors <c>Handle.get_context()</c>: the context the callback runs in.</summary>
    public ExecutionContext? GetContext() => _context;

    /// <summary>CPython's repr: <c>&lt;Handle PrintIt()&gt;</c>, <c>&lt;Handle cancelled&gt;</c>.</summary>
    public override string ToString()
    {
        var info = new List<string> { ClassName };
        if (_callback is null) info.Add("cancelled");
        if (ExtraInfo is { } extra) info.Add(extra);
        if (_callback is not null) info.Add(Format());
        return $"<{string.Join(' ', info)}>";
    }

    private protected virtual string ClassName => "Handle";

    /// <summary>What a subclass adds to the repr (a timer's <c>when=</c>).</summary>
    private protected virtual string? ExtraInfo => null;

    /// <summary>A cancellation is about to drop the callback.</summary>
    private protected virtual void OnCancel() { }

    /// <summary>The callback, or null once cancelled (a subclass with an argument calls it).</summary>
    private protected Delegate? Callback => _callback;

    /// <summary>The argument list as CPython's <c>_format_args_and_kwargs</c> shows it: <c>()</c>, <c>(41)</c>.</summary>
    private protected virtual string FormatArguments() => "()";

    private protected virtual void ClearArgument() { }

    /// <summary>CPython's <c>_format_callback</c>: <c>Name(args)</c>; empty once cancelled.</summary>
    private string Format() => _callback is null ? "" : QualNames.OfDelegate(_callback) + FormatArguments();

    // The loop queues its handles with itself as argument.
    [MethodImpl(HotPath.Options)]
    void IReadyCallback.Run(object? arg) => RunOn(Unchecked.As<EventLoop>(arg));

    /// <summary>CPython's <c>Handle._run</c>; also the timer's when it fires.</summary>
    private protected void RunOn(EventLoop loop)
    {
        if (_callback is null) return;
        UserCallback.Run(loop, _context, this, null);
    }

    // Called right after Run saw the callback (a handle with an argument re-implements this).
    [MethodImpl(HotPath.Options)]
    void IUserCode.Invoke() => Unchecked.As<Action>(_callback!)(); // made with an Action

    string IReadyCallback.Describe(object? arg) => Format();

    string IReadyCallback.ReprAsHandle(object? arg) => ToString();

    object? IUserCode.HandleForReport(object? arg) => this;
}

/// <summary>A <see cref="Handle"/> whose callback takes one argument (<c>call_soon(callback, arg)</c>).</summary>
internal sealed class Handle<T>(Action<T> callback, T arg, ExecutionContext? context) : Handle(callback, context), IUserCode
{
    private T _arg = arg;

    [MethodImpl(HotPath.Options)]
    void IUserCode.Invoke() => Unchecked.As<Action<T>>(Callback!)(_arg); // made with an Action<T>

    private protected override string FormatArguments() => $"({PyRepr.LimitedRepr(_arg)})";

    private protected override void ClearArgument() => _arg = default!;
}
