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
