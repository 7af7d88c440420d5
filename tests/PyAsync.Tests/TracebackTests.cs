using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// <see cref="Traceback"/> (Python's traceback module: format_exception's shapes from test_traceback.py)
/// and <see cref="ProgramContext.RunMain"/> (what CPython does with an exception that ends a program).
/// The expected texts are CPython 3.11's own output for the same exceptions.
/// </summary>
public class TracebackTests
{
    /// <summary>test_traceback.py, TestExceptionGroupFormat (test_exception_group_basics): an exception group's box, for a group never raised.</summary>
    [Fact]
    public void An_exception_group_prints_in_CPythons_box()
    {
        var group = new ExceptionGroup("msg", [new ValueError("a"), new KeyError("b")]);
        Traceback.FormatException(group).ShouldBe(
            "  | ExceptionGroup: msg (2 sub-exceptions)\n  +-+---------------- 1 ----------------\n    | ValueError: a\n" +
            "    +---------------- 2 ----------------\n    | KeyError: 'b'\n    +------------------------------------\n");
    }

    /// <summary>test_traceback.py, test_exception_group_nested: the inner group closes the box once.</summary>
    [Fact]
    public void A_nested_group_indents_and_closes_the_box_once()
    {
        var nested = new ExceptionGroup("outer", [new ValueError("a"), new ExceptionGroup("inner", [new TypeError("t")])]);
        Traceback.FormatException(nested).ShouldBe(
            "  | ExceptionGroup: outer (2 sub-exceptions)\n  +-+---------------- 1 ----------------\n    | ValueError: a\n" +
            "    +---------------- 2 ----------------\n    | ExceptionGroup: inner (1 sub-exception)\n" +
            "    +-+---------------- 1 ----------------\n      | TypeError: t\n      +------------------------------------\n");
    }

    /// <summary>test_traceback.py, test_exception_group_width_limit: 15 sub-exceptions, then "and N more exceptions".</summary>
    [Fact]
    public void A_wide_group_shows_fifteen_and_counts_the_rest()
    {
        var wide = new ExceptionGroup("wide", Enumerable.Range(0, 17).Select(i => (Exception)new ValueError(i)));
        string text = Traceback.FormatException(wide);
        text.ShouldContain("    +---------------- 15 ----------------\n    | ValueError: 14\n    +---------------- ... ----------------\n    | and 2 more exceptions\n    +------------------------------------\n");
        text.ShouldNotContain("ValueError: 15");
    }

    /// <summary>test_traceback.py, test_cause: an inner exception prints first, as the direct cause.</summary>
    [Fact]
    public void An_inner_exception_prints_as_the_direct_cause()
    {
        Traceback.FormatException(new RuntimeError("outer", new ValueError("inner"))).ShouldBe(
            "ValueError: inner\n\nThe above exception was the direct cause of the following exception:\n\nRuntimeError: outer\n");
    }

    /// <summary>format_exception_only: a class with an empty str() prints its name alone; asyncio's classes with their module.</summary>
    [Fact]
    public void The_last_line_names_the_class_as_CPython_does()
    {
        Traceback.FormatException(new MyError()).ShouldBe("MyError\n");
        Traceback.FormatException(new CancelledError()).ShouldBe("asyncio.exceptions.CancelledError\n");
        Traceback.FormatException(new TimeoutError()).ShouldBe("TimeoutError\n");
    }

    private sealed class MyError : Exception
    {
        public MyError() : base("") { }
    }

    /// <summary>
    /// test_traceback.py, test_recursive_traceback_python: the program's frames, oldest first, each with its
    /// source line, and a frame repeated more than three times summarised.
    /// </summary>
    [Fact]
    public void Frames_are_the_programs_own_oldest_first_and_recursion_is_summarised()
    {
        Exception? caught = null;
        try
        {
            Recurse(6);
        }
        catch (ValueError e)
        {
            caught = e;
        }
        var lines = Traceback.FormatException(caught!).Split('\n');
        lines[0].ShouldBe("Traceback (most recent call last):");
        lines[1].ShouldMatch(@"^  File "".*TracebackTests\.cs"", line \d+, in Frames_are_the_programs_own_oldest_first_and_recursion_is_summarised$");
        lines[2].ShouldBe("    Recurse(6);");
        lines.Count(l => l.EndsWith(", in Recurse", StringComparison.Ordinal)).ShouldBe(4);
        lines.ShouldContain("  [Previous line repeated 3 more times]");
        lines[^2].ShouldBe("ValueError: deep");
        lines.ShouldNotContain(l => l.Contains("System.", StringComparison.Ordinal) || l.Contains("Xunit", StringComparison.Ordinal));
    }

    private static void Recurse(int n)
    {
        if (n == 0) throw new ValueError("deep");
        Recurse(n - 1);
    }

    /// <summary>RunMain: 0 when the program returns; nothing is written.</summary>
    [Fact]
    public void A_program_that_returns_exits_with_status_0()
    {
        var (status, stdout, stderr) = RunAsProgram(() => Run(Sleep(1)));
        (status, stdout, stderr).ShouldBe((0, "", ""));
    }

    /// <summary>
    /// An uncaught exception: status 1, the traceback on stderr. The failed task that main still references
    /// is reported after the traceback, as CPython reports it when the traceback is freed at exit
    /// (uncaught_probe.py's "kept" mode gives the same order under CPython).
    /// </summary>
    [Fact]
    public void An_uncaught_exception_prints_the_traceback_then_what_it_kept_alive_and_exits_with_1()
    {
        var (status, stdout, stderr) = RunAsProgram(() => Run(Kept()));
        status.ShouldBe(1);
        stdout.ShouldBe("main raises\n");
        var lines = stderr.Split('\n');
        lines[0].ShouldBe("Traceback (most recent call last):");
        lines.ShouldContain(l => l.EndsWith(", in Kept", StringComparison.Ordinal));
        lines.ShouldContain("    throw new RuntimeError(\"main failed\");");
        int traceback = Array.IndexOf(lines, "RuntimeError: main failed");
        int report = Array.IndexOf(lines, "Task exception was never retrieved");
        traceback.ShouldBeGreaterThan(0);
        report.ShouldBeGreaterThan(traceback);
        lines.ShouldContain("ValueError: kept");
    }

    /// <summary>A failed task nothing references is reported when it fails, before main's traceback (the "dropped" mode).</summary>
    [Fact]
    public void A_failed_task_nobody_references_is_reported_before_the_traceback()
    {
        var (status, _, stderr) = RunAsProgram(() => Run(Dropped()));
        status.ShouldBe(1);
        stderr.IndexOf("Task exception was never retrieved", StringComparison.Ordinal)
            .ShouldBeLessThan(stderr.IndexOf("RuntimeError: main failed", StringComparison.Ordinal));
        stderr.ShouldStartWith("Task exception was never retrieved\n");
    }

    /// <summary>KeyboardInterrupt that nobody catches: status 130, what a shell shows for CPython killed by its own SIGINT.</summary>
    [Fact]
    public void An_uncaught_KeyboardInterrupt_exits_with_130()
    {
        var (status, _, stderr) = RunAsProgram(() => throw new KeyboardInterrupt());
        status.ShouldBe(130);
        stderr.ShouldEndWith("KeyboardInterrupt\n");
    }

    /// <summary>A caught exception changes nothing: the runner closes as its using block exits, and the reports come then.</summary>
    [Fact]
    public void A_caught_exception_is_not_reported()
    {
        var (status, stdout, stderr) = RunAsProgram(() =>
        {
            try
            {
                Run(Kept());
            }
            catch (RuntimeError e)
            {
                Print($"caught {e.Message}");
            }
        });
        status.ShouldBe(0);
        stdout.ShouldBe("main raises\ncaught main failed\n");
        stderr.ShouldStartWith("Task exception was never retrieved\n");
        stderr.ShouldNotContain("RuntimeError");
    }

    private static async Coroutine Fail(string what)
    {
        await Sleep(0.01);
        throw new ValueError(what);
    }

    private static async Coroutine Kept()
    {
        var task = CreateTask(Fail("kept"));
        await Sleep(0.1);
        Print("main raises");
        GC.KeepAlive(task);
        throw new RuntimeError("main failed");
    }

    private static async Coroutine Dropped()
    {
        _ = CreateTask(Fail("dropped"));
        await Sleep(0.1);
        Print("main raises");
        throw new RuntimeError("main failed");
    }

    private static (int Status, string Stdout, string Stderr) RunAsProgram(Action main)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int status;
        using (ProgramContext.Enter(stdout, stderr, new VirtualClock()))
        {
            status = ProgramContext.RunMain(main);
        }
        return (status, stdout.ToString(), stderr.ToString());
    }
}
