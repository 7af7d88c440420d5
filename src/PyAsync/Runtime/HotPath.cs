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
/// PGO), and a static readonly value of a class not yet initialized when they are compiled is read
/// rather than folded. BENCHMARKS.md gives the warmed cost of that next to the cold gain; it is
/// measured with <see cref="Options"/> switched to <see cref="MethodImplOptions.NoOptimization"/>'s
/// neighbour, <c>0</c> (no flag), in an A/B build.
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
