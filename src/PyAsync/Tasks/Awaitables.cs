namespace PyAsync;

/// <summary>CPython's <c>ensure_future</c>: the future behind an awaitable, wrapping coroutines in tasks.</summary>
internal static class Awaitables
{
    /// <summary>A future stays itself (CPython checks it belongs to <paramref name="loop"/>); a coroutine becomes a task on the loop.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="awaitable"/> is null.</exception>
    /// <exception cref="ValueError">The future belongs to another loop than <paramref name="loop"/>.</exception>
    public static Future ToFuture(IAwaitable awaitable, EventLoop? loop)
    {
        ArgumentNullException.ThrowIfNull(awaitable);
        switch (awaitable)
        {
            case Future future:
                if (loop is not null && future.LoopOrNull is { } own && own != loop)
                    throw new ValueError("The future belongs to a different loop than the one specified as the loop argument");
                return future;
            case Coroutine coroutine:
                return coroutine.CreateTask(loop ?? EventLoop.GetEventLoop());
            default:
                throw new TypeError("An asyncio.Future, a coroutine or an awaitable is required");
        }
    }

    /// <summary>The typed <see cref="ToFuture(IAwaitable, EventLoop?)"/>.</summary>
    public static Future<T> ToFuture<T>(IAwaitable<T> awaitable, EventLoop? loop) => awaitable switch
    {
        Coroutine<T> coroutine => (loop ?? EventLoop.GetEventLoop()).CreateTask(coroutine),
        _ => (Future<T>)ToFuture((IAwaitable)awaitable, loop),
    };
}
