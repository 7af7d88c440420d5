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
    public static async Coroutine<T> Create<T>(Func<T> func) => await EventLoop.GetRunningLoop().RunInExecutor(null, func);
}
