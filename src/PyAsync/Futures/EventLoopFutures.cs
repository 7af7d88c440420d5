namespace PyAsync;

/// <summary>The event loop's methods that deal in futures (in CPython, methods of <c>BaseEventLoop</c>).</summary>
public static class EventLoopFutures
{
    /// <summary>Mirrors <c>loop.create_future()</c>: a future bound to this loop.</summary>
    public static Future<T> CreateFuture<T>(this EventLoop loop) => new(loop);

    /// <summary>Mirrors <c>loop.create_future()</c> for a future whose result type does not matter.</summary>
    public static Future<object?> CreateFuture(this EventLoop loop) => new(loop);

    /// <summary>
    /// Mirrors <c>loop.run_until_complete(future)</c>: runs the loop until <paramref name="future"/> is
    /// done and returns its result or throws its exception.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed or running, or it was stopped before the future completed.</exception>
    /// <exception cref="ValueError">The future belongs to another loop.</exception>
    public static T RunUntilComplete<T>(this EventLoop loop, Future<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        RunUntilDone(loop, future, newTask: false);
        return future.Result();
    }

    /// <summary>Mirrors <c>loop.run_until_complete(future)</c> for any future; returns its result as an object.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed or running, or it was stopped before the future completed.</exception>
    /// <exception cref="ValueError">The future belongs to another loop.</exception>
    public static object? RunUntilComplete(this EventLoop loop, Future future)
    {
        ArgumentNullException.ThrowIfNull(future);
        RunUntilDone(loop, future, newTask: false);
        return future.Result();
    }

    /// <summary>
    /// The body of CPython's <c>run_until_complete</c>: run the loop until <paramref name="future"/> is
    /// done. <paramref name="newTask"/>: the future is a task made for a coroutine, whose exception
    /// counts as retrieved if the loop is interrupted.
    /// </summary>
    internal static void RunUntilDone(EventLoop loop, Future future, bool newTask)
    {
        ArgumentNullException.ThrowIfNull(loop);
        loop.ThrowIfCannotRun();
        if (!future.BindTo(loop)) throw new ValueError("The future belongs to a different loop than the one specified as the loop argument");
        future.AddCallback(StopWhenDone.Instance);
        try
        {
            loop.RunForever();
        }
        catch
        {
            if (newTask && future.Done() && !future.Cancelled()) future.Exception();
            throw;
        }
        finally
        {
            future.RemoveCallback(StopWhenDone.Instance);
        }
        if (!future.Done()) throw new RuntimeError("Event loop stopped before Future completed.");
    }

    /// <summary>CPython's <c>_run_until_complete_cb</c>: stops the loop once the future is done.</summary>
    private sealed class StopWhenDone : IReadyCallback
    {
        public static readonly StopWhenDone Instance = new();

        public void Run(object? arg)
        {
            var future = (Future)arg!;
            if (!future.Cancelled()) future.Exception();
            future.GetLoop().Stop();
        }

        public string Describe(object? arg) => "_run_until_complete_cb()";
    }
}
