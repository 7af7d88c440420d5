using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// The methods that are compiled fully optimized the first time they run, instead of going through
/// the JIT's quick tier first: <c>[MethodImpl(HotPath.Options)]</c>.
/// </summary>
/// <remarks>
/// <para>
/// A ported script is a fresh process that runs for a second or two. .NET compiles each method
/// first without optimizations (tier 0, no inlining), counts its calls, and recompiles the hot ones
/// only after a quiet spell of 100 ms with no new methods compiled. In a short run that spell
/// often never comes: W1 (100,000 tasks) ran all of its task steps in tier-0 code, at less than
/// half the speed of the warmed figure. The methods marked here are the ones every await, task step
/// and loop iteration runs through: the loop's iteration and ready queue, a task's step, a future's
/// completion and callbacks, suspension and the coroutine builders, <c>CallSoon</c>'s handle, the
/// zero sleep and <c>Gather</c>'s per-child work. They are compiled once, with their small callees
/// inlined, when first called.
/// </para>
/// <para>
/// The price: these methods are never recompiled with the profile that tiering collects (dynamic
/// PGO), so an interface call they make is never guessed and inlined. Measured side by side on the
/// benchmark machine (BENCHMARKS.md, "Cold runs"): the first run of a fresh process is 26% faster for
/// W2 (one million awaits), 18% for W2P and 4% for W1; warmed up, W2 is 22% slower and W1 13%. Ported
/// scripts are short and run once, so the first run is the one users feel; a long-running service
/// pays the warmed cost. Switch <see cref="Options"/> to <c>0</c> to measure both again.
/// </para>
/// <para>
/// Invariant: only methods on the per-await, per-step or per-iteration path carry it. Anything run
/// once per loop or per program stays tiered: compiling it at full optimization would only slow
/// start-up. A method that carries it cannot be precompiled by ReadyToRun (it is always compiled at
/// run time), which is another reason to keep the list short.
/// </para>
/// </remarks>
internal static class HotPath
{
    /// <summary>The <see cref="MethodImplAttribute"/> options of the hot-path methods.</summary>
    public const MethodImplOptions Options = MethodImplOptions.AggressiveOptimization;
}
