namespace PyAsync;

/// <summary>CPython's <c>asyncio.threads</c>.</summary>
internal static class Threads
{
    /// <summary>
    /// <c>asyncio.to_thread(func)</c>: runs <paramref name="func"/> on the thread pool, in a copy of the
    /// current context, and waits for it. The virtual clock does not jump while it runs.
    /// </summary>
    public static async Coroutine<T> ToThread<T>(Func<T> func) => await EventLoop.GetRunningLoop().RunInExecutor(null, func);
}
