namespace PyAsync;

/// <summary>The event loop's methods that run code on other threads (in CPython, methods of <c>BaseEventLoop</c>).</summary>
public static class EventLoopThreads
{
    // The loop whose executor job runs on this thread, or null.
    [ThreadStatic] private static EventLoop? t_jobOf;

    /// <summary>The loop whose executor job is running on this thread (<c>RunInExecutor</c>, <c>ToThread</c>), or null.</summary>
    internal static EventLoop? ExecutorJobLoop => t_jobOf;

    /// <summary>
    /// Mirrors <c>loop.run_in_executor(executor, func)</c>: runs <paramref name="func"/> on the thread
    /// pool (or on <paramref name="executor"/>) and returns a future for its result. The virtual clock
    /// does not jump while the function runs (unless the function blocks on the loop's own work, in
    /// <c>RunCoroutineThreadsafe(...).Result()</c>). Cancelling the future does not stop a function that
    /// has started; its result is then dropped, as in CPython.
    /// </summary>
    /// <remarks>
    /// The function runs in a copy of the caller's context (its <see cref="ContextVar{T}"/>s and
    /// <see cref="AsyncLocal{T}"/>s), as .NET's thread pool runs work, and what it changes there stays
    /// there. CPython's <c>run_in_executor</c> runs it in the worker thread's own context instead (only
    /// <c>to_thread</c> copies the caller's); a port that relies on the worker not seeing the caller's
    /// variables differs.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="func"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public static Future<T> RunInExecutor<T>(this EventLoop loop, TaskScheduler? executor, Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(func);
        loop.ThrowIfClosed();
        var future = loop.CreateFuture<T>();
        // The job counts as outside work until the loop has taken in its result (ExecutorResult ends
        // it on the loop's thread), so a virtual clock cannot jump in between.
        loop.OutsideWork.ExecutorJobStarted();
        var clock = loop.Clock;
        Task.Factory.StartNew(() =>
        {
            // Time.Sleep() and friends in the job read the loop's clock, virtual or not.
            var previous = Time.UseClock(clock);
            var previousJob = t_jobOf;
            t_jobOf = loop;
            try
            {
                var result = func();
                loop.PostThreadsafe(ExecutorResult<T>.Instance, (future, result, (Exception?)null));
            }
            catch (Exception e)
            {
                loop.PostThreadsafe(ExecutorResult<T>.Instance, (future, default(T), (Exception?)e));
            }
            finally
            {
                Time.UseClock(previous);
                t_jobOf = previousJob;
            }
        }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, executor ?? TaskScheduler.Default);
        return future;
    }

    /// <summary>Mirrors <c>loop.run_in_executor(executor, func)</c> for a function without a result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="func"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public static Future<NoneType> RunInExecutor(this EventLoop loop, TaskScheduler? executor, Action func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return loop.RunInExecutor(executor, () =>
        {
            func();
            return NoneType.None;
        });
    }

    /// <summary>A future that completes once no executor job is running (CPython's <c>shutdown_default_executor</c>).</summary>
    internal static Future<NoneType> ExecutorIdle(this EventLoop loop)
    {
        var idle = loop.CreateFuture<NoneType>();
        loop.OutsideWork.WhenExecutorIdle(() =>
        {
            if (!idle.Done()) idle.SetResult(NoneType.None);
        });
        return idle;
    }

    /// <summary>An executor job's outcome reaches the loop (CPython's <c>_chain_future</c>'s <c>_set_state</c>).</summary>
    private sealed class ExecutorResult<T> : IReadyCallback
    {
        public static readonly ExecutorResult<T> Instance = new();

        public void Run(object? arg)
        {
            var (future, result, error) = ((Future<T>, T, Exception?))arg!;
            if (!future.Cancelled())
            {
                if (error is null) future.SetResult(result);
                else future.SetException(error);
            }
            future.GetLoop().OutsideWork.ExecutorJobEnded();
        }

        public string Describe(object? arg) => "_chain_future.<locals>._set_state()";
    }
}
