namespace PyAsync;

/// <summary>CPython's <c>asyncio.to_thread</c>.</summary>
internal static class ToThreadCoroutine
{
    /// <summary>
    /// <c>asyncio.to_thread(func)</c>: runs <paramref name="func"/> on the thread pool, in a copy of the
    /// current context (CPython's <c>copy_context().run(func)</c>: its <see cref="ContextVar{T}"/>s and
    /// <see cref="AsyncLocal{T}"/>s are visible there, and its changes stay there), and waits for it. The
    /// virtual clock does not jump while it runs.
    /// </summary>
    public static async Coroutine<T> Create<T>(Func<T> func)
    {
        var loop = EventLoop.GetRunningLoop();
        // RunInExecutor runs jobs in the worker's own context, as CPython's run_in_executor does.
        var context = ExecutionContext.Capture();
        if (context is null) return await loop.RunInExecutor(null, func); // the caller suppressed the flow
        return await loop.RunInExecutor(null, () => RunIn(context, func));
    }

    // contextvars.Context.run(func) on a copy: the function's changes stay in the copy.
    private static T RunIn<T>(ExecutionContext context, Func<T> func)
    {
        var call = new CopiedContextCall<T>(func);
        ExecutionContext.Run(context, static state => ((CopiedContextCall<T>)state!).Invoke(), call);
        return call.Result;
    }

    private sealed class CopiedContextCall<T>(Func<T> func)
    {
        public T Result { get; private set; } = default!;

        public void Invoke() => Result = func();
    }
}
