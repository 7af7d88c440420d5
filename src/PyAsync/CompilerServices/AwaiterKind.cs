using System.Runtime.CompilerServices;

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
/// Which kind of awaiter <typeparamref name="TAwaiter"/> is. <c>typeof(T).IsValueType</c> and
/// <c>IsAssignableFrom</c> between <c>typeof</c>s are JIT intrinsics: optimized code folds the test to
/// a constant per awaiter type, with no class to initialize first (a static readonly field would be
/// folded only in code compiled after its class was initialized, which <see cref="HotPath"/> code,
/// compiled at its first call, is not). Unoptimized (Debug) code asks reflection, and boxes nothing.
/// </summary>
internal static class AwaiterKind<TAwaiter>
{
    public static AwaiterKinds Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => !typeof(TAwaiter).IsValueType ? AwaiterKinds.Foreign
            : typeof(IFutureAwaiter).IsAssignableFrom(typeof(TAwaiter)) ? AwaiterKinds.Future
            : typeof(ICoroutineAwaiter).IsAssignableFrom(typeof(TAwaiter)) ? AwaiterKinds.Coroutine
            : AwaiterKinds.Foreign;
    }
}
