using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// The "coroutine ... was never awaited" RuntimeWarning (CPython: test_coroutines.py, genobject.c;
/// src/PyAsync/Diagnostics/NeverAwaited.cs).
/// </summary>
public class NeverAwaitedTests
{
    [Fact]
    public void A_coroutine_never_awaited_is_reported_when_the_loop_closes()
    {
        async Coroutine<int> Nested() => 42;

        var output = PyRun.Main(async () =>
        {
#pragma warning disable CS4014
            Nested();
#pragma warning restore CS4014
            Print(await Nested());
        });

        output.Stdout.ShouldBe("42\n");
        output.Stderr.ShouldBe("RuntimeWarning: coroutine 'A_coroutine_never_awaited_is_reported_when_the_loop_closes.<locals>.Nested' was never awaited\n");
    }

    [Fact]
    public void Among_more_coroutines_than_a_short_counts_only_those_never_awaited_are_reported()
    {
        // The loop lists new coroutines by slot in a short; past 32,766 unconsumed at once the slot
        // is unknown and consuming does not unlist them: the loop must still skip the consumed ones.
        async Coroutine<int> F() => 1;

        var output = PyRun.Main(async () =>
        {
            var coros = new List<Coroutine<int>>();
            for (int i = 0; i < 40_000; i++) coros.Add(F());
            int sum = 0;
            for (int i = 0; i < coros.Count; i++)
                if (i != 5 && i != 35_000) sum += await coros[i];
            await Sleep(0);
            Print(sum);
            GC.KeepAlive(coros);
        });

        output.Stdout.ShouldBe("39998\n");
        output.Stderr.ShouldBe(string.Concat(Enumerable.Repeat(
            "RuntimeWarning: coroutine 'Among_more_coroutines_than_a_short_counts_only_those_never_awaited_are_reported.<locals>.F' was never awaited\n", 2)));
    }

    [Fact]
    public void A_coroutine_kept_and_awaited_later_is_not_reported()
    {
        async Coroutine<int> F() => 1;

        var output = PyRun.Main(async () =>
        {
            var coros = new List<Coroutine<int>> { F(), F(), F() };
            await Sleep(1);
            int sum = 0;
            foreach (var c in coros) sum += await c;
            Print(sum);
        });

        output.Stdout.ShouldBe("3\n");
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_closed_coroutine_is_not_reported()
    {
        async Coroutine F() => await Sleep(0);

        var output = PyRun.Main(async () =>
        {
            var coro = F();
            coro.Close();
            await Sleep(0);
            Should.Throw<RuntimeError>(() => coro.GetAwaiter());
        });

        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_coroutine_created_outside_any_loop_and_never_awaited_is_reported_when_the_program_ends()
    {
        // CPython reports it at interpreter exit ("sys:1: RuntimeWarning: ..."); PyAsync when the
        // program's ProgramContext ends (or the process exits), exactly once.
        var output = PyRun.Program(() =>
        {
            CreateAndDrop();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var kept = Orphan();
            Print(Type(kept));
        });
        output.Stdout.ShouldBe("<class 'coroutine'>\n");
        output.Stderr.ShouldBe("RuntimeWarning: coroutine 'Orphan' was never awaited\nRuntimeWarning: coroutine 'Orphan' was never awaited\n");

        static void CreateAndDrop() => _ = Orphan();
    }

    [Fact]
    public void A_coroutine_created_outside_any_loop_and_run_later_is_not_reported()
    {
        var output = PyRun.Program(() =>
        {
            var main = Orphan();
            Run(main);
        });
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_coroutine_collected_unawaited_inside_a_loop_is_reported_when_collected()
    {
        var output = PyRun.Main(async () =>
        {
            DropOne();
            await Sleep(0);
            await Sleep(0);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Print("after collection");
        });
        output.Stderr.ShouldBe("RuntimeWarning: coroutine 'Orphan' was never awaited\n");

        static void DropOne() => _ = Orphan();
    }

    [Fact]
    public void A_coroutine_collected_but_not_yet_finalized_when_the_loop_closes_is_reported_by_the_close()
    {
        // The race behind a flaky QueueTests run: the GC had collected the never-awaited coroutine, its
        // finalizer had not run yet, and the loop's final sweep, holding only a short weak reference, skipped
        // it; the warning came after the program's output was taken. Here the finalizer thread is held
        // (deterministically) while the loop closes.
        // Not disposed: the finalizer thread may still be inside Wait when the test ends.
        var release = new ManualResetEventSlim();
        var blocked = new ManualResetEventSlim();
        Output output;
        try
        {
            output = PyRun.Main(async () =>
            {
                DropOne();
                await Sleep(0);
                await Sleep(0); // the coroutine now has its sentinel
                HoldTheFinalizerThread(blocked, release);
                GC.Collect();
                blocked.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue("the finalizer thread took the blocker");
                GC.Collect(); // the sentinel is collected and queued behind the blocker
                Print("closing");
            });
        }
        finally
        {
            release.Set();
        }
        output.Stdout.ShouldBe("closing\n");
        output.Stderr.ShouldBe("RuntimeWarning: coroutine 'Orphan' was never awaited\n");

        static void DropOne() => _ = Orphan();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void HoldTheFinalizerThread(ManualResetEventSlim blocked, ManualResetEventSlim release) =>
        _ = new FinalizerBlocker(blocked, release);

    private sealed class FinalizerBlocker(ManualResetEventSlim blocked, ManualResetEventSlim release)
    {
        ~FinalizerBlocker()
        {
            blocked.Set();
            release.Wait(TimeSpan.FromSeconds(10));
        }
    }

    internal static async Coroutine Orphan() => await Sleep(1);
}
