using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

/// <summary>Awaits a result-less <see cref="Coroutine"/>, running it inline. Used by the compiler.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CoroutineAwaiter : ICriticalNotifyCompletion, ICoroutineAwaiter
{
    private readonly Coroutine _coroutine;

    internal CoroutineAwaiter(Coroutine coroutine) => _coroutine = coroutine;

    /// <summary>Whether the coroutine has finished.</summary>
    public bool IsCompleted => _coroutine.IsCompleted;

    /// <summary>Returns when the coroutine returned, or rethrows what it raised (with its original stack trace).</summary>
    public void GetResult() => _coroutine.ThrowIfFailedForAwait();

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the coroutine.</summary>
    public void OnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask(_coroutine), continuation);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the coroutine.</summary>
    public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask(_coroutine), continuation);
}

/// <summary>Awaits a <see cref="Coroutine{T}"/>, running it inline. Used by the compiler.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct CoroutineAwaiter<T> : ICriticalNotifyCompletion, ICoroutineAwaiter
{
    private readonly Coroutine<T> _coroutine;

    internal CoroutineAwaiter(Coroutine<T> coroutine) => _coroutine = coroutine;

    /// <summary>Whether the coroutine has finished.</summary>
    public bool IsCompleted => _coroutine.IsCompleted;

    /// <summary>The coroutine's result, or what it raised (rethrown with its original stack trace).</summary>
    public T GetResult() => _coroutine.GetResultForAwait();

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the coroutine.</summary>
    public void OnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask(_coroutine), continuation);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the coroutine.</summary>
    public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask(_coroutine), continuation);
}
