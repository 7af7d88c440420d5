using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

// Every PyAsync awaiter is a struct holding exactly one reference: the coroutine builder recognises
// them by these marker interfaces (a check the JIT folds away) and reads that reference through
// Unsafe.As, so suspending on them allocates nothing. Keep the layouts identical.

/// <summary>Marks the awaiters of futures: a single <see cref="Future"/> field.</summary>
internal interface IFutureAwaiter;

/// <summary>Marks the awaiters of coroutines: a single <see cref="Coroutine"/> field.</summary>
internal interface ICoroutineAwaiter;

/// <summary>Awaits a <see cref="Future"/> and gives its result as an object. Used by the compiler.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FutureAwaiter : ICriticalNotifyCompletion, IFutureAwaiter
{
    internal readonly Future Future;

    internal FutureAwaiter(Future future) => Future = future;

    /// <summary>Whether the future is done.</summary>
    public bool IsCompleted => Future.Done();

    /// <summary>The result, or the exception thrown at the <c>await</c>.</summary>
    public object? GetResult()
    {
        Suspension.ThrowIfThrownIn();
        Future.ThrowIfNotDoneForAwait();
        return Future.Result();
    }

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the future.</summary>
    public void OnCompleted(Action continuation) => ForeignWaiter.Register(Future, continuation);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the future.</summary>
    public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register(Future, continuation);
}

/// <summary>Awaits a <see cref="Future{T}"/>. Used by the compiler.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct FutureAwaiter<T> : ICriticalNotifyCompletion, IFutureAwaiter
{
    internal readonly Future<T> Future;

    internal FutureAwaiter(Future<T> future) => Future = future;

    /// <summary>Whether the future is done.</summary>
    public bool IsCompleted => Future.Done();

    /// <summary>The result, or the exception thrown at the <c>await</c>.</summary>
    public T GetResult()
    {
        Suspension.ThrowIfThrownIn();
        Future.ThrowIfNotDoneForAwait();
        return Future.Result();
    }

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the future.</summary>
    public void OnCompleted(Action continuation) => ForeignWaiter.Register(Future, continuation);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the future.</summary>
    public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register(Future, continuation);
}

/// <summary>Awaits a result-less <see cref="Coroutine"/>, running it inline. Used by the compiler.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CoroutineAwaiter : ICriticalNotifyCompletion, ICoroutineAwaiter
{
    internal readonly Coroutine Coroutine;

    internal CoroutineAwaiter(Coroutine coroutine) => Coroutine = coroutine;

    /// <summary>Whether the coroutine has finished.</summary>
    public bool IsCompleted => Coroutine.IsCompleted;

    /// <summary>Returns when the coroutine returned, or rethrows what it raised (with its original stack trace).</summary>
    public void GetResult() => Suspension.CoroutineResult(Coroutine);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the coroutine.</summary>
    public void OnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask(Coroutine), continuation);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the coroutine.</summary>
    public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask(Coroutine), continuation);
}

/// <summary>Awaits a <see cref="Coroutine{T}"/>, running it inline. Used by the compiler.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CoroutineAwaiter<T> : ICriticalNotifyCompletion, ICoroutineAwaiter
{
    internal readonly Coroutine<T> Coroutine;

    internal CoroutineAwaiter(Coroutine<T> coroutine) => Coroutine = coroutine;

    /// <summary>Whether the coroutine has finished.</summary>
    public bool IsCompleted => Coroutine.IsCompleted;

    /// <summary>The coroutine's result, or what it raised (rethrown with its original stack trace).</summary>
    public T GetResult()
    {
        Suspension.CoroutineResult(Coroutine);
        return Coroutine._result;
    }

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the coroutine.</summary>
    public void OnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask(Coroutine), continuation);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the coroutine.</summary>
    public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask(Coroutine), continuation);
}
