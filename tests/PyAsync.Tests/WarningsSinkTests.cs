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
}

/// <summary>Tests that replace the global warnings sink must not overlap with any other test.</summary>
[CollectionDefinition(nameof(WarningsHook), DisableParallelization = true)]
public class WarningsHook
{
    private static readonly object s_lock = new();

    public static void Capture(List<(string, string)> into, Action body)
    {
        lock (s_lock)
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
