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
        Output output;
        int result = 0;
        EventLoop? loop = null;
        lock (WarningsHook.Lock)
        {
            var previous = Warnings.ShowWarning;
            Warnings.ShowWarning = (_, _) => throw new InvalidOperationException("sink broke");
            try
            {
                output = PyRun.Program(() => result = Run(Main()));
            }
            finally { Warnings.ShowWarning = previous; }
        }
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
}
