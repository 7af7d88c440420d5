namespace PyAsync;

/// <summary>
/// What every task offers whatever its result type: <c>asyncio.Task</c>'s methods. Returned by
/// <c>CurrentTask()</c> and <c>AllTasks()</c>; every task is also a <see cref="Future"/>.
/// </summary>
public interface IPyTask
{
    /// <summary>Mirrors <c>task.get_name()</c>: <c>Task-1</c>, <c>Task-2</c>, ... unless a name was given.</summary>
    string GetName();

    /// <summary>Mirrors <c>task.set_name(value)</c>; the name is <c>str(value)</c>.</summary>
    void SetName(object? value);

    /// <summary>Mirrors <c>task.get_coro()</c>.</summary>
    Coroutine GetCoro();

    /// <summary>Mirrors <c>task.cancelling()</c>: how many cancellation requests are pending.</summary>
    int Cancelling();

    /// <summary>Mirrors <c>task.uncancel()</c>; returns the remaining count of cancellation requests.</summary>
    int Uncancel();

    /// <summary>Mirrors <c>task.cancel(msg=None)</c>.</summary>
    bool Cancel(string? msg = null);

    /// <summary>Mirrors <c>task.cancelled()</c>.</summary>
    bool Cancelled();

    /// <summary>Mirrors <c>task.done()</c>.</summary>
    bool Done();

    /// <summary>Mirrors <c>task.result()</c>, as an object.</summary>
    object? Result();

    /// <summary>Mirrors <c>task.exception()</c>.</summary>
    Exception? Exception();

    /// <summary>Mirrors <c>task.get_loop()</c>.</summary>
    EventLoop GetLoop();

    /// <summary>Mirrors <c>task.add_done_callback(fn)</c>.</summary>
    void AddDoneCallback(Action<Future> fn, ExecutionContext? context = null);

    /// <summary>Mirrors <c>task.remove_done_callback(fn)</c>.</summary>
    int RemoveDoneCallback(Action<Future> fn);

    /// <summary>
    /// A token cancelled when the task is asked to cancel, so .NET APIs awaited inside the task stop
    /// too. .NET tokens cannot be reset: it stays cancelled even if the coroutine catches the
    /// <see cref="CancelledError"/> and goes on.
    /// </summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Awaits the task; the result comes back as an object.</summary>
    CompilerServices.FutureAwaiter GetAwaiter();
}
