namespace PyAsync;

public static partial class Asyncio
{
    // ---------------------------------------------------------------- context variables

    /// <summary>
    /// Mirrors <c>contextvars.copy_context()</c>: a <see cref="Context"/> holding the current context's
    /// values; <c>ctx.Run(() => F())</c> runs code in it, <c>CreateTask(coro, context: ctx)</c> a task.
    /// </summary>
    public static Context CopyContext() => Context.CopyCurrent();

    // ---------------------------------------------------------------- threads

    /// <summary>
    /// Mirrors <c>asyncio.run_coroutine_threadsafe(coro, loop)</c>, called from a thread other than the
    /// loop's: schedules <paramref name="coro"/> as a task on <paramref name="loop"/> (through
    /// <c>CallSoonThreadsafe</c>) and returns a <see cref="ConcurrentFuture{T}"/> for its result, which the
    /// calling thread can block on (<c>Result(timeout)</c>) or await (<c>AsTask()</c>). Cancelling the
    /// future cancels the task.
    /// </summary>
    /// <remarks>
    /// The task runs in a copy of the calling thread's context, as in CPython. If creating the task
    /// fails, the future gets the exception and the loop's exception handler reports it.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> or <paramref name="loop"/> is null (CPython: <c>TypeError</c>).</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public static ConcurrentFuture<T> RunCoroutineThreadsafe<T>(Coroutine<T> coro, EventLoop loop)
        => ChainedFuture.Submit(coro, loop);

    /// <summary>Mirrors <c>asyncio.run_coroutine_threadsafe(coro, loop)</c> for a result-less coroutine: the future's result is <c>None</c>.</summary>
    /// <inheritdoc cref="RunCoroutineThreadsafe{T}(Coroutine{T}, EventLoop)"/>
    public static ConcurrentFuture RunCoroutineThreadsafe(Coroutine coro, EventLoop loop)
        => ChainedFuture.Submit(coro, loop);
}
