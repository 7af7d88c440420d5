namespace PyAsync;

/// <summary>CPython's <c>tasks.wait_for</c> (3.12 and later) and <c>_cancel_and_wait</c>.</summary>
internal static class WaitingFor
{
    /// <summary>
    /// As Python 3.12+: a timeout of 0 or less cancels an unfinished awaitable at once; otherwise the
    /// awaitable is awaited inline inside a <c>timeout()</c> block, so a coroutine runs in the calling
    /// task and, if it swallows the cancellation and returns a value, that value is returned.
    /// </summary>
    public static Coroutine<T> WaitFor<T>(IAwaitable<T> awaitable, double? timeout) =>
        WaitForCore(awaitable, timeout, static f => ((Future<T>)f).Result(), static a => AwaitInline((IAwaitable<T>)a));

    /// <summary>The untyped <see cref="WaitFor{T}"/>: the result as an object.</summary>
    public static Coroutine<object?> WaitFor(IAwaitable awaitable, double? timeout) =>
        WaitForCore(awaitable, timeout, static f => f.Result(), AwaitInline);

    private static async Coroutine<TResult> WaitForCore<TResult>(
        IAwaitable awaitable, double? timeout, Func<Future, TResult> result, Func<IAwaitable, Coroutine<TResult>> awaitInline)
    {
        var loop = EventLoop.GetRunningLoop();
        if (timeout is { } seconds && seconds <= 0)
        {
            var future = Awaitables.ToFuture(awaitable, loop);
            if (future.Done()) return result(future);
            await CancelAndWait(future);
            try
            {
                return result(future);
            }
            catch (CancelledError e)
            {
                throw TimeoutError.From(e);
            }
        }
        return await PyTimeout.Run(timeout is { } delay ? loop.Time() + delay : null, _ => awaitInline(awaitable));
    }

    private static async Coroutine<T> AwaitInline<T>(IAwaitable<T> awaitable) => awaitable switch
    {
        Coroutine<T> coroutine => await coroutine,
        Future<T> future => await future,
        _ => throw new TypeError("An asyncio.Future, a coroutine or an awaitable is required"),
    };

    private static async Coroutine<object?> AwaitInline(IAwaitable awaitable)
    {
        switch (awaitable)
        {
            case Coroutine coroutine:
                await coroutine;
                return coroutine.ResultAsObject;
            case Future future:
                return await future;
            default:
                throw new TypeError("An asyncio.Future, a coroutine or an awaitable is required");
        }
    }

    /// <summary>CPython's <c>_cancel_and_wait</c>: cancel the future and wait until it is done, cancellably.</summary>
    public static async Coroutine CancelAndWait(Future future)
    {
        var waiter = EventLoop.GetRunningLoop().CreateFuture<NoneType>();
        var release = new ReleaseWaiter(waiter);
        future.AddCallback(release);
        try
        {
            future.Cancel();
            // We cannot wait on the future directly, so that this coroutine is reliably cancellable.
            await waiter;
        }
        finally
        {
            future.RemoveCallback(release);
        }
    }
}

/// <summary>CPython's <c>_release_waiter</c> as a done callback: completes the waiter if it is not done.</summary>
internal sealed class ReleaseWaiter(Future<NoneType> waiter) : IReadyCallback
{
    public void Run(object? arg)
    {
        if (!waiter.Done()) waiter.SetResult(NoneType.None);
    }

    public string Describe(object? arg) => "_release_waiter()";
}
