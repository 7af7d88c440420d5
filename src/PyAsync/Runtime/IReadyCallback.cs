namespace PyAsync;

/// <summary>
/// Something the event loop can run from its ready queue: a handle's callback, a task step, a
/// future's done callback. The queue stores (callback, argument) pairs, so the runtime's own
/// wake-ups (a task waking when its future is done, a done callback) allocate nothing.
/// </summary>
internal interface IReadyCallback
{
    /// <summary>Runs the callback on the loop's thread; <paramref name="arg"/> is what it was scheduled with.</summary>
    void Run(object? arg);

    /// <summary>
    /// How CPython's reprs name this callback: <c>Task.task_wakeup()</c>, <c>PrintIt()</c>. With the
    /// argument it was scheduled with (for "Exception in callback"), <c>PrintIt(&lt;Future ...&gt;)</c>;
    /// a future's repr lists its callbacks with a null argument, which must not print the future again.
    /// </summary>
    string Describe(object? arg);

    /// <summary>
    /// How debug mode's slow-callback report shows this entry of the ready queue (CPython's
    /// <c>_format_handle</c>): a handle's repr, a task's repr for a task step.
    /// </summary>
    string ReprAsHandle(object? arg) => $"<Handle {Describe(arg)}>";
}

/// <summary>One entry of the ready queue: a callback and the argument it was scheduled with.</summary>
internal readonly struct ReadyItem(IReadyCallback callback, object? arg)
{
    public IReadyCallback Callback { get; } = callback;

    public object? Arg { get; } = arg;
}
