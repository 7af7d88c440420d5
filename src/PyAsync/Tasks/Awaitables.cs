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

    /// <summary>
    /// The typed <see cref="ToFuture(IAwaitable, EventLoop?)"/>. An awaitable of a class deriving from
    /// <typeparamref name="T"/> (reached through the covariant <see cref="IAwaitable{T}"/>) gets a new
    /// <see cref="Future{T}"/> chained to its future, as CPython's <c>_chain_future</c> chains two futures.
    /// </summary>
    public static Future<T> ToFuture<T>(IAwaitable<T> awaitable, EventLoop? loop) => awaitable switch
    {
        Coroutine<T> coroutine => (loop ?? EventLoop.GetEventLoop()).CreateTask(coroutine),
        _ => Typed<T>(ToFuture((IAwaitable)awaitable, loop)),
    };

    /// <summary><paramref name="future"/> itself if it is a <see cref="Future{T}"/>, else a future of its result as a <typeparamref name="T"/> (see <see cref="ToFuture{T}"/>).</summary>
    public static Future<T> Typed<T>(Future future)
    {
        if (future is Future<T> typed) return typed;
        var chained = future.BindLoop().CreateFuture<T>();
        var link = new ChainLink<T>(future, chained);
        future.AddCallback(link);
        chained.AddCallback(link);
        return chained;
    }

    /// <summary>
    /// CPython's <c>_chain_future</c> between two futures of one loop: the source's outcome is copied to
    /// the destination, and cancelling the destination cancels the source.
    /// </summary>
    private sealed class ChainLink<T>(Future source, Future<T> destination) : IReadyCallback
    {
        public void Run(object? arg)
        {
            if (!ReferenceEquals(arg, source))
            {
                if (destination.Cancelled() && !source.Done()) source.Cancel();
                return;
            }
            if (destination.Done()) return;
            if (source.Cancelled()) destination.Cancel();
            else if (source.Exception() is { } error) destination.SetException(error);
            else destination.SetResult(source.ResultAs<T>());
        }

        public string Describe(object? arg) => "futures._chain_future.<locals>._call_set_state()";
    }
}
