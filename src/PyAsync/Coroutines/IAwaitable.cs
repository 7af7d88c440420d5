namespace PyAsync;

/// <summary>
/// Python's "awaitable" for the combinators: a coroutine, a task or a future. <c>Gather</c>,
/// <c>Shield</c>, <c>WaitFor</c>, <c>AsCompleted</c> and <c>EnsureFuture</c> accept any mix of them.
/// </summary>
/// <remarks>
/// Only PyAsync's <see cref="Coroutine"/> and <see cref="Future"/> families implement it. Awaitables
/// with a result type also implement <see cref="IAwaitable{T}"/>, which lets the combinators keep
/// that type (<c>await Gather(Delay(3), Delay(1))</c> gives <c>int</c>s).
/// </remarks>
public interface IAwaitable;

/// <summary>An awaitable whose result is a <typeparamref name="T"/>: a <see cref="Coroutine{T}"/> or a <see cref="Future{T}"/>.</summary>
public interface IAwaitable<T> : IAwaitable;

/// <summary>CPython's <c>ensure_future</c>: the future behind an awaitable, wrapping coroutines in tasks.</summary>
internal static class Awaitables
{
    /// <summary>A future stays itself (CPython checks it belongs to <paramref name="loop"/>); a coroutine becomes a task on the loop.</summary>
    public static Future ToFuture(IAwaitable awaitable, EventLoop? loop)
    {
        ArgumentNullException.ThrowIfNull(awaitable);
        switch (awaitable)
        {
            case Future future:
                if (loop is not null && future._loop is not null && future._loop != loop)
                    throw new ValueError("The future belongs to a different loop than the one specified as the loop argument");
                return future;
            case Coroutine coroutine:
                return coroutine.CreateTypedTask(loop ?? EventLoop.GetEventLoop());
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
