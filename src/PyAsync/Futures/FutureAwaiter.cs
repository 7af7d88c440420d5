using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

/// <summary>
/// Marks the awaiters of futures. Each is a struct made of exactly one field, the future: the
/// coroutine builder recognises them by this interface and reads that field without a copy.
/// </summary>
internal interface IFutureAwaiter;

/// <summary>
/// Awaits a <see cref="Future"/> and gives its result as an object: CPython's <c>Future.__await__</c>.
/// Used by the compiler.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FutureAwaiter : ICriticalNotifyCompletion, IFutureAwaiter
{
    private readonly Future _future;

    internal FutureAwaiter(Future future) => _future = future;

    /// <summary>Whether the future is done.</summary>
    public bool IsCompleted => _future.Done();

    /// <summary>The result, or the exception thrown at the <c>await</c>.</summary>
    public object? GetResult()
    {
        StepState.ThrowIfThrownIn();
        _future.ThrowIfNotDoneForAwait();
        return _future.Result();
    }

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the future.</summary>
    public void OnCompleted(Action continuation) => ForeignWaiter.Register(_future, continuation);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the future.</summary>
    public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register(_future, continuation);
}

/// <summary>Awaits a <see cref="Future{T}"/>: CPython's <c>Future.__await__</c>. Used by the compiler.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FutureAwaiter<T> : ICriticalNotifyCompletion, IFutureAwaiter
{
    private readonly Future<T> _future;

    internal FutureAwaiter(Future<T> future) => _future = future;

    /// <summary>Whether the future is done.</summary>
    public bool IsCompleted => _future.Done();

    /// <summary>The result, or the exception thrown at the <c>await</c>.</summary>
    public T GetResult()
    {
        StepState.ThrowIfThrownIn();
        return _future.ResultForAwait();
    }

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the future.</summary>
    public void OnCompleted(Action continuation) => ForeignWaiter.Register(_future, continuation);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the future.</summary>
    public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register(_future, continuation);
}
