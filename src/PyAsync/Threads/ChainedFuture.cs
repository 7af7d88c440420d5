namespace PyAsync;

/// <summary>
/// CPython's <c>asyncio.run_coroutine_threadsafe</c> and the half of <c>futures._chain_future</c> it
/// uses: a task on the loop chained to a <see cref="ConcurrentFuture{T}"/> for another thread.
/// </summary>
internal static class ChainedFuture
{
    /// <summary><c>run_coroutine_threadsafe(coro, loop)</c> for a coroutine with a result.</summary>
    public static ConcurrentFuture<T> Submit<T>(Coroutine<T> coro, EventLoop loop)
    {
        ArgumentNullException.ThrowIfNull(coro);
        ArgumentNullException.ThrowIfNull(loop);
        return Submit(coro, loop, new ConcurrentFuture<T>(loop), static (c, l) => l.CreateTask(Unchecked.As<Coroutine<T>>(c))); // c is coro
    }

    /// <summary><c>run_coroutine_threadsafe(coro, loop)</c> for a result-less coroutine.</summary>
    public static ConcurrentFuture Submit(Coroutine coro, EventLoop loop)
    {
        ArgumentNullException.ThrowIfNull(coro);
        ArgumentNullException.ThrowIfNull(loop);
        return Submit<NoneType, ConcurrentFuture>(coro, loop, new ConcurrentFuture(loop), static (c, l) => l.CreateTask(c));
    }

    /// <summary>
    /// Schedules the task's creation with <c>call_soon_threadsafe</c> and returns the future at once;
    /// if creating the task fails, the future gets the exception and the loop reports it.
    /// </summary>
    private static TFuture Submit<T, TFuture>(Coroutine coro, EventLoop loop, TFuture future, Func<Coroutine, EventLoop, PyTask<T>> createTask)
        where TFuture : ConcurrentFuture<T>
    {
        loop.CallSoonThreadsafe(() =>
        {
            try
            {
                Chain(createTask(coro, loop), future, loop);
            }
            catch (Exception e)
            {
                if (future.SetRunningOrNotifyCancel()) future.SetException(e);
                throw;
            }
        });
        return future;
    }

    /// <summary>CPython's <c>_chain_future(task, concurrent_future)</c>.</summary>
    private static void Chain<T>(PyTask<T> source, ConcurrentFuture<T> destination, EventLoop loop)
    {
        // _call_check_cancel: the concurrent future has no loop, so the task is cancelled through
        // call_soon_threadsafe, from whichever thread cancelled the future.
        destination.AddDoneCallback(d =>
        {
            if (d.Cancelled()) loop.CallSoonThreadsafe(() => source.Cancel());
        });
        // _call_set_state: runs on the loop's thread, which completes the concurrent future directly.
        source.AddDoneCallback(s => SetState(destination, s));
    }

    /// <summary>CPython's <c>_set_concurrent_future_state</c>.</summary>
    private static void SetState<T>(ConcurrentFuture<T> concurrent, PyTask<T> source)
    {
        if (source.Cancelled()) concurrent.Cancel();
        if (!concurrent.SetRunningOrNotifyCancel()) return;
        if (source.Exception() is { } exception) concurrent.SetException(exception);
        else concurrent.SetResult(source.Result());
    }
}
