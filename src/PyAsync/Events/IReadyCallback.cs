namespace PyAsync;

/// <summary>
/// Something the event loop can run from its ready queue: a <see cref="Handle"/>, a task step, a
/// future's done callback. The queue stores (callback, argument) pairs, so scheduling a task's
/// wake-up or a done callback allocates nothing.
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
}

/// <summary>One entry of the ready queue.</summary>
internal struct ReadyItem(IReadyCallback callback, object? arg)
{
    public IReadyCallback Callback = callback;
    public object? Arg = arg;
}
