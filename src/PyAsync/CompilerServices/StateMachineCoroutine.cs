using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

/// <summary>
/// The coroutine object of an <c>async Coroutine</c> method: it holds the compiler's state machine,
/// so one allocation per call is all a coroutine costs.
/// </summary>
/// <remarks>
/// A result-less coroutine is a <c>Coroutine&lt;NoneType&gt;</c> underneath, but its static type is
/// <see cref="Coroutine"/>, whose <c>await</c> gives nothing, and its task is a <see cref="PyTask"/>.
/// </remarks>
internal sealed class StateMachineCoroutine<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicFields)] TStateMachine> : Coroutine<NoneType>
    where TStateMachine : IAsyncStateMachine
{
    // Read from the method's name only when first shown (a repr, a warning): not at start-up.
    private static string? s_name;

    // A field, not a property: the state machine is a struct that MoveNext changes in place.
    private TStateMachine _stateMachine = default!;

    /// <summary>Takes the state machine (the builder inside it already knows this coroutine).</summary>
    public void Init(ref TStateMachine stateMachine) => _stateMachine = stateMachine;

    internal override string QualName => s_name ??= QualNames.OfStateMachine(typeof(TStateMachine));

    internal override Future CreateTask(EventLoop loop) => CreateResultlessTask(loop);

    [MethodImpl(HotPath.Options)]
    internal override void MoveNext() => _stateMachine.MoveNext();

    internal override bool TryThrowAtForeignAwait(Type awaiterType, CancellationToken ownToken, Func<Exception> error) =>
        ForeignAwaitCancellation.TryThrowAt(ref _stateMachine, awaiterType, ownToken, error);

    [MethodImpl(HotPath.Options)]
    internal override void MoveNextFirst(EventLoop loop) => _stateMachine.MoveNext();
}

/// <summary>The coroutine object of an <c>async Coroutine&lt;T&gt;</c> method, holding its state machine.</summary>
internal sealed class StateMachineCoroutine<T, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicFields)] TStateMachine> : Coroutine<T>
    where TStateMachine : IAsyncStateMachine
{
    // Read from the method's name only when first shown (a repr, a warning): not at start-up.
    private static string? s_name;

    // A field, not a property: the state machine is a struct that MoveNext changes in place.
    private TStateMachine _stateMachine = default!;

    /// <summary>Takes the state machine (the builder inside it already knows this coroutine).</summary>
    public void Init(ref TStateMachine stateMachine) => _stateMachine = stateMachine;

    internal override string QualName => s_name ??= QualNames.OfStateMachine(typeof(TStateMachine));

    [MethodImpl(HotPath.Options)]
    internal override void MoveNext() => _stateMachine.MoveNext();

    internal override bool TryThrowAtForeignAwait(Type awaiterType, CancellationToken ownToken, Func<Exception> error) =>
        ForeignAwaitCancellation.TryThrowAt(ref _stateMachine, awaiterType, ownToken, error);

    [MethodImpl(HotPath.Options)]
    internal override void MoveNextFirst(EventLoop loop) => _stateMachine.MoveNext();
}
