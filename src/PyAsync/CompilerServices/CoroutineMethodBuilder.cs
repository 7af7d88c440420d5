using System.Diagnostics.CodeAnalysis;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

/// <summary>
/// The async method builder of <see cref="Coroutine"/>: used by the C# compiler for
/// <c>async Coroutine</c> methods; not called directly.
/// </summary>
/// <remarks>
/// Unlike .NET's builders it starts nothing: <see cref="Start{TStateMachine}"/> only boxes the state
/// machine into the coroutine object, so calling the method runs none of its body (Python's lazy
/// coroutines). It does not capture or flow <see cref="ExecutionContext"/> either: the task running
/// the coroutine restores its own context around each step, as Python runs each task in its own
/// <c>contextvars</c> context.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CoroutineMethodBuilder
{
    private Coroutine<NoneType>? _coroutine;

    /// <summary>Creates the builder.</summary>
    public static CoroutineMethodBuilder Create() => default;

    /// <summary>The coroutine object the async method returns.</summary>
    public Coroutine Task => _coroutine!;

    /// <summary>Boxes the state machine into the coroutine object without running it.</summary>
    [MethodImpl(HotPath.Options)]
    public void Start<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicFields)] TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        // The builder lives inside the state machine: it must know its coroutine before the state
        // machine is copied into it.
        var box = new StateMachineCoroutine<TStateMachine>();
        _coroutine = box;
        box.Init(ref stateMachine);
    }

    /// <summary>Not used: the state machine is boxed by <see cref="Start{TStateMachine}"/>.</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine) { }

    /// <summary>The body returned.</summary>
    [MethodImpl(HotPath.Options)]
    public void SetResult() => _coroutine!.Return(NoneType.None);

    /// <summary>The body raised <paramref name="exception"/>.</summary>
    public void SetException(Exception exception) => _coroutine!.Raise(exception);

    /// <summary>The body awaits something that is not complete: suspend on it.</summary>
    [MethodImpl(HotPath.Options)]
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        Suspension.AwaitOnCompleted(ref awaiter, _coroutine!);

    /// <summary>The body awaits something that is not complete: suspend on it.</summary>
    [MethodImpl(HotPath.Options)]
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        Suspension.AwaitUnsafeOnCompleted(ref awaiter, _coroutine!);
}

/// <summary>
/// The async method builder of <see cref="Coroutine{T}"/>: used by the C# compiler for
/// <c>async Coroutine&lt;T&gt;</c> methods; not called directly. See <see cref="CoroutineMethodBuilder"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CoroutineMethodBuilder<T>
{
    private Coroutine<T>? _coroutine;

    /// <summary>Creates the builder.</summary>
    public static CoroutineMethodBuilder<T> Create() => default;

    /// <summary>The coroutine object the async method returns.</summary>
    public Coroutine<T> Task => _coroutine!;

    /// <summary>Boxes the state machine into the coroutine object without running it.</summary>
    [MethodImpl(HotPath.Options)]
    public void Start<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicFields)] TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        var box = new StateMachineCoroutine<T, TStateMachine>();
        _coroutine = box;
        box.Init(ref stateMachine);
    }

    /// <summary>Not used: the state machine is boxed by <see cref="Start{TStateMachine}"/>.</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine) { }

    /// <summary>The body returned <paramref name="result"/>.</summary>
    [MethodImpl(HotPath.Options)]
    public void SetResult(T result) => _coroutine!.Return(result);

    /// <summary>The body raised <paramref name="exception"/>.</summary>
    public void SetException(Exception exception) => _coroutine!.Raise(exception);

    /// <summary>The body awaits something that is not complete: suspend on it.</summary>
    [MethodImpl(HotPath.Options)]
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        Suspension.AwaitOnCompleted(ref awaiter, _coroutine!);

    /// <summary>The body awaits something that is not complete: suspend on it.</summary>
    [MethodImpl(HotPath.Options)]
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        Suspension.AwaitUnsafeOnCompleted(ref awaiter, _coroutine!);
}
