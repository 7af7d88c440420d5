using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// The warnings sink, Python's warnings.showwarning (CPython: test_warnings; src/PyAsync/Python/Warnings.cs).
/// Replaces the process-wide warnings sink: runs alone, after the parallel tests.
/// </summary>
[Collection(nameof(WarningsHook))]
public class WarningsSinkTests
{
    [Fact]
    public void The_warnings_sink_can_be_replaced()
    {
        var captured = new List<(string Category, string Message)>();
        WarningsHook.Capture(captured, () =>
        {
            PyRun.Main(async () =>
            {
#pragma warning disable CS4014
                NeverAwaitedTests.Orphan();
#pragma warning restore CS4014
                await Sleep(0);
            });
        });

        captured.ShouldContain(("RuntimeWarning", "coroutine 'Orphan' was never awaited"));
        Warnings.ShowWarning.ShouldNotBeNull();
    }

    [Fact]
    public void Warn_goes_through_the_sink_with_its_category()
    {
        var captured = new List<(string Category, string Message)>();
        WarningsHook.Capture(captured, () => Warnings.Warn("careful", "DeprecationWarning"));
        captured.ShouldContain(("DeprecationWarning", "careful"));
    }

    [Fact]
    public void A_sink_that_throws_while_a_never_awaited_coroutine_is_reported_at_close_is_unraisable()
    {
        // Issue 11; CPython: _warn_unawaited_coroutine raising in showwarning prints
        // "Exception ignored in: <coroutine object never at 0x...>" and asyncio.run returns normally.
        Output output = null!;
        int result = 0;
        EventLoop? loop = null;
        WarningsHook.Broken(() => output = PyRun.Program(() => result = Run(Main())));
        result.ShouldBe(8);
        loop!.IsClosed().ShouldBeTrue();
        output.Stderr.ShouldStartWith("Exception ignored in: <coroutine object A_sink_that_throws_while_a_never_awaited_coroutine_is_reported_at_close_is_unraisable.<locals>.Never>\nTraceback (most recent call last):\n");
        output.Stderr.ShouldContain("InvalidOperationException: sink broke\n");

        async Coroutine<int> Main()
        {
            loop = GetRunningLoop();
#pragma warning disable CS4014 // the coroutine is left unawaited on purpose
            Never();
#pragma warning restore CS4014
            await Sleep(0);
            return 8;
        }

        static async Coroutine Never() => await Sleep(0);
    }

    [Fact]
    public void A_sink_that_throws_for_a_coroutine_collected_mid_run_is_unraisable_and_the_loop_goes_on()
    {
        // genobject.c _PyErr_WarnUnawaitedCoroutine: a warning that raises is written as unraisable
        // ("Exception ignored in: <coroutine object ...>"); the program runs on to its result.
        Output output = null!;
        int result = 0;
        WarningsHook.Broken(() => output = PyRun.Program(() => result = Run(Main())));
        result.ShouldBe(3);
        output.Stdout.ShouldBe("after collection\n");
        output.Stderr.ShouldStartWith("Exception ignored in: <coroutine object Orphan>\nTraceback (most recent call last):\n");
        output.StderrLines.Count(l => l.StartsWith("Exception ignored in", StringComparison.Ordinal)).ShouldBe(1);
        output.Stderr.ShouldContain("InvalidOperationException: sink broke\n");

        static async Coroutine<int> Main()
        {
            DropOne();
            await Sleep(0);
            await Sleep(0);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Sleep(0);
            Print("after collection");
            return 3;
        }

        static void DropOne() => _ = NeverAwaitedTests.Orphan();
    }
}

/// <summary>Tests that replace the global warnings sink must not overlap with any other test.</summary>
[CollectionDefinition(nameof(WarningsHook), DisableParallelization = true)]
public class WarningsHook
{
    internal static readonly object Lock = new();

    public static void Capture(List<(string, string)> into, Action body)
    {
        lock (Lock)
        {
            var previous = Warnings.ShowWarning;
            Warnings.ShowWarning = (category, message) =>
            {
                lock (into) into.Add((category, message));
            };
            try { body(); }
            finally { Warnings.ShowWarning = previous; }
        }
    }

    /// <summary>Runs <paramref name="body"/> with a sink that throws <c>InvalidOperationException("sink broke")</c>.</summary>
    public static void Broken(Action body)
    {
        lock (Lock)
        {
            var previous = Warnings.ShowWarning;
            Warnings.ShowWarning = (_, _) => throw new InvalidOperationException("sink broke");
            try { body(); }
            finally { Warnings.ShowWarning = previous; }
        }
    }
}
