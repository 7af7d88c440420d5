using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

/// <summary>
/// The coroutine object of an <c>async Coroutine</c> method: it holds the compiler's state machine,
/// so one allocation per call is all a coroutine costs.
/// </summary>
/// <remarks>
/// A result-less coroutine is a <c>Coroutine&lt;NoneType&gt;</c> underneath, but its static type is
/// <see cref="Coroutine"/>, whose <c>await</c> gives nothing.
/// </remarks>
internal sealed class StateMachineCoroutine<TStateMachine> : Coroutine<NoneType>
    where TStateMachine : IAsyncStateMachine
{
    private static readonly string s_name = Names.OfStateMachine(typeof(TStateMachine));

    public TStateMachine StateMachine = default!;

    internal override string QualName => s_name;

    internal override Future CreateTypedTask(EventLoop loop) => loop.CreateTask((Coroutine)this);

    internal override void MoveNext() => StateMachine.MoveNext();

    internal override void MoveNextFirst(EventLoop loop) => StateMachine.MoveNext();
}

/// <summary>The coroutine object of an <c>async Coroutine&lt;T&gt;</c> method, holding its state machine.</summary>
internal sealed class StateMachineCoroutine<T, TStateMachine> : Coroutine<T>
    where TStateMachine : IAsyncStateMachine
{
    private static readonly string s_name = Names.OfStateMachine(typeof(TStateMachine));

    public TStateMachine StateMachine = default!;

    internal override string QualName => s_name;

    internal override void MoveNext() => StateMachine.MoveNext();

    internal override void MoveNextFirst(EventLoop loop) => StateMachine.MoveNext();
}
