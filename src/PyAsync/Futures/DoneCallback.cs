namespace PyAsync;

/// <summary>A user's done callback, as <c>remove_done_callback</c> finds it: by its delegate.</summary>
internal interface IDoneCallback
{
    Delegate Callback { get; }
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

/// <summary>
/// A user's done callback (<c>fut.add_done_callback(fn, context=ctx)</c>): scheduled with the future
/// as its argument, as CPython's <c>call_soon(fn, self, context=ctx)</c>, and run like a handle.
/// </summary>
internal sealed class DoneCallback<TFuture>(Action<TFuture> fn, TFuture future, ExecutionContext? context) : IUserCode, IDoneCallback
    where TFuture : Future
{
    private readonly ExecutionContext? _context = context ?? ExecutionContext.Capture();

    public Delegate Callback => fn;

    public void Run(object? arg) => UserCallback.Run(future.GetLoop(), _context, this, arg);

    public void Invoke() => fn(future);

    public string Describe(object? arg) => $"{QualNames.OfDelegate(fn)}({(arg is null ? "" : PyRepr.LimitedRepr(arg))})";

    // CPython schedules the callback as a Handle, which the report names.
    public object? HandleForReport(object? arg) => $"<Handle {Describe(arg)}>";
}
