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
/// <remarks>
/// Covariant, as Python's typing of awaitables is: an awaitable of a class is an awaitable of its base
/// classes, so result-less tasks (awaitables of <see cref="NoneType"/>) and tasks of strings can be
/// gathered together as <c>Gather&lt;object&gt;(t1, t2)</c>. A combinator given such an awaitable reads its
/// result as the base type; only <c>EnsureFuture&lt;T&gt;</c> and <c>Shield&lt;T&gt;</c> of one return a
/// new future chained to it rather than the future itself (see <see cref="Asyncio.EnsureFuture{T}"/>).
/// </remarks>
public interface IAwaitable<out T> : IAwaitable;
