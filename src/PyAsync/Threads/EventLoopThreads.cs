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
    /// As in CPython, the function runs in the worker thread's own context, not the caller's: its
    /// <see cref="ContextVar{T}"/>s (and .NET <see cref="AsyncLocal{T}"/>s) have their defaults there,
    /// because the caller's <see cref="ExecutionContext"/> is not flowed into the job (CPython's
    /// <c>ThreadPoolExecutor.submit</c> copies no context). Only the program's output and clock go with it.
    /// <c>ToThread</c> copies the caller's context, as <c>asyncio.to_thread</c> does; so does
    /// <c>loop.RunInExecutor(null, () =&gt; ctx.Run(f))</c> with <c>var ctx = CopyContext();</c>.
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
        if (executor is null) loop.OutsideWork.DefaultExecutorUsed();
        var clock = loop.Clock;
        var program = ProgramContext.Current;
        // The job does not inherit the caller's ExecutionContext (its contextvars), as in CPython.
        bool suppress = !ExecutionContext.IsFlowSuppressed();
        var noFlow = suppress ? ExecutionContext.SuppressFlow() : default;
        try
        {
            StartJob(loop, executor, func, future, clock, program);
        }
        finally
        {
            if (suppress) noFlow.Undo();
        }
        return future;
    }

    private static void StartJob<T>(EventLoop loop, TaskScheduler? executor, Func<T> func, Future<T> future, TimeProvider clock, ProgramContext? program)
    {
        Task.Factory.StartNew(() =>
        {
            // The job belongs to the caller's program (output, task names); Time.Sleep() and friends
            // in it read the loop's clock, virtual or not.
            ProgramContext.Adopt(program);
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

    /// <summary>
    /// CPython's <c>loop.shutdown_default_executor()</c> (3.13, whose timeout is not mirrored): returns at
    /// once if the default executor was never used; else waits until no executor job is running, then
    /// for the result the joining thread posts back with <c>call_soon_threadsafe</c>. PyAsync has no
    /// thread to join, so the result is posted as soon as the jobs are done: the loop turns as often as
    /// CPython's does when its thread is fastest (the result arrives in the next iteration). It also
    /// waits for jobs given to a custom <see cref="TaskScheduler"/>, which CPython does not.
    /// </summary>
    internal static async Coroutine ShutdownDefaultExecutor(this EventLoop loop)
    {
        var work = loop.OutsideWork;
        if (!work.DefaultExecutorCreated && !work.WaitsOnExecutor) return;
        var future = loop.CreateFuture<NoneType>();
        work.WhenExecutorIdle(() => loop.CallSoonThreadsafe(() =>
        {
            if (!future.Done()) future.SetResult(NoneType.None);
        }));
        await future;
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
