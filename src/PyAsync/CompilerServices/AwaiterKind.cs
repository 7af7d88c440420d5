namespace PyAsync.CompilerServices;

/// <summary>Marks the awaiters of coroutines: structs made of exactly one field, the coroutine (see <see cref="IFutureAwaiter"/>).</summary>
internal interface ICoroutineAwaiter;

internal enum AwaiterKinds
{
    Foreign,
    Future,
    Coroutine,
}

/// <summary>
/// Which kind of awaiter <typeparamref name="TAwaiter"/> is, computed once per type. A static
/// readonly value, so optimised code folds the test away, and unoptimised (Debug) code does not box
/// the awaiter to test it.
/// </summary>
internal static class AwaiterKind<TAwaiter>
{
    public static readonly AwaiterKinds Value =
        !typeof(TAwaiter).IsValueType ? AwaiterKinds.Foreign
        : typeof(IFutureAwaiter).IsAssignableFrom(typeof(TAwaiter)) ? AwaiterKinds.Future
        : typeof(ICoroutineAwaiter).IsAssignableFrom(typeof(TAwaiter)) ? AwaiterKinds.Coroutine
        : AwaiterKinds.Foreign;
}
