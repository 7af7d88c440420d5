using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// "Task exception was never retrieved": CPython reports from <c>Future.__del__</c> (futures.py), the
/// moment nothing references the failed future. PyAsync decides one iteration after the failure, at
/// the next moment the report could be told apart from a later one (ARCHITECTURE.md).
/// </summary>
public class UnretrievedExceptionTests
{
    private static async Coroutine Fail(string message)
    {
        await Sleep(0);
        throw new ValueError(message);
    }

    /// <summary>Runs <c>Run(main())</c> with stdout and stderr in one stream, to see their order.</summary>
    private static string Interleaved(Func<Coroutine> main)
    {
        var both = new StringWriter { NewLine = "\n" };
        var writer = TextWriter.Synchronized(both);
        var thread = new Thread(() =>
        {
            using (ProgramContext.Enter(writer, writer, new VirtualClock())) Asyncio.Run(main());
        });
        thread.Start();
        thread.Join(PyRun.Watchdog).ShouldBeTrue("the program did not finish");
        return both.ToString();
    }

    [Fact]
    public void A_forgotten_failure_is_reported_before_the_next_output()
    {
        // futures.py Future.__del__ runs as soon as the task is dropped: before anything the program
        // writes afterwards, whether through print or sys.stdout.write.
        var text = Interleaved(async () =>
        {
            Forget();
            for (int i = 0; i < 5; i++) await Sleep(0);
            Sys.Stdout.Write("after\n");
            Print("end");
        });
        var lines = text.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("Task exception was never retrieved");
        lines[1].ShouldBe("future: <Task finished name='Task-2' coro=<Fail() done> exception=ValueError('lost')>");
        lines[^3].ShouldBe("ValueError: lost");
        lines[^2].ShouldBe("after");
        lines[^1].ShouldBe("end");

        static void Forget() => CreateTask(Fail("lost"));
    }

    [Fact]
    public void The_exception_handler_sees_a_forgotten_failure_before_a_later_error()
    {
        // base_events.py call_exception_handler: the handler's calls come in the order of the events.
        var seen = new List<string>();
        PyRun.Main(async () =>
        {
            GetRunningLoop().SetExceptionHandler((_, context) => seen.Add((string)context["message"]!));
            Forget();
            for (int i = 0; i < 5; i++) await Sleep(0);
            GetRunningLoop().CallSoon(() => throw new InvalidOperationException("late"));
            await Sleep(0);
        });
        seen.ShouldBe(["Task exception was never retrieved", "Exception in callback The_exception_handler_sees_a_forgotten_failure_before_a_later_error.<locals>.<lambda>()"]);

        static void Forget() => CreateTask(Fail("lost"));
    }

    [Fact]
    public void A_forgotten_failure_is_reported_when_the_loop_stops_even_without_output()
    {
        var output = PyRun.Program(() =>
        {
            var loop = new EventLoop();
            loop.RunUntilComplete(Main());
            Sys.Stderr.Write("stopped\n");
            loop.Close();
        });
        output.StderrLines[0].ShouldBe("Task exception was never retrieved");
        output.StderrLines[^1].ShouldBe("stopped");

        static async Coroutine Main()
        {
            Forget();
            for (int i = 0; i < 5; i++) await Sleep(0);
        }

        static void Forget() => CreateTask(Fail("lost"));
    }

    [Fact]
    public void Failures_kept_to_be_retrieved_later_do_not_cost_a_collection_at_every_output()
    {
        // PyAsync's own: a program that holds failed tasks and prints in every iteration makes the
        // collections that decide fruitless; after four in a row they wait for twice as many
        // undecided failures each time. 200 failures, 200 prints: a handful of collections, not 200.
        const int failures = 200;
        int collections = -1;
        var output = PyRun.Main(async () =>
        {
            var tasks = new List<PyTask>();
            for (int i = 0; i < failures; i++) tasks.Add(CreateTask(FailAfter(i)));
            for (int i = 0; i < failures + 2; i++)
            {
                await Sleep(0);
                Print(i);
            }
            foreach (var task in tasks)
            {
                try { await task; }
                catch (ValueError) { }
            }
            collections = GetRunningLoop().UnretrievedCollections;
        });
        output.Stderr.ShouldBe("");
        collections.ShouldBeInRange(4, 4 + (int)Math.Log2(failures) + 2);

        static async Coroutine FailAfter(int steps)
        {
            for (int i = 0; i < steps; i++) await Sleep(0);
            throw new ValueError("kept");
        }
    }

    [Fact]
    public void A_forgotten_failure_among_held_ones_is_still_reported_before_the_loop_closes()
    {
        // While collections wait for more undecided failures, a dropped one is decided later than
        // CPython would, but never lost: the loop's close reports it.
        var output = PyRun.Main(async () =>
        {
            var held = new List<PyTask>();
            for (int i = 0; i < 20; i++)
            {
                held.Add(CreateTask(Fail("held")));
                await Sleep(0);
                await Sleep(0);
                Print(i);
            }
            Forget();
            await Sleep(0);
            await Sleep(0);
            Print("end");
            foreach (var task in held)
            {
                try { await task; }
                catch (ValueError) { }
            }
        });
        output.StderrLines.Count(l => l == "Task exception was never retrieved").ShouldBe(1);
        output.Stderr.ShouldContain("ValueError: dropped");

        static void Forget() => CreateTask(Fail("dropped"));
    }

    [Fact]
    public void An_unretrieved_exception_of_a_forgotten_task_is_reported_one_iteration_later()
    {
        // tasks.py / futures.py __del__: "Task exception was never retrieved". CPython reports when
        // the task is garbage, right after it fails; PyAsync decides one iteration after.
        var output = PyRun.Main(async () =>
        {
            Forget();
            await Sleep(0);
            await Sleep(0);
            await Sleep(0);
            Print("end");
        });
        output.Stdout.ShouldBe("end\n");
        output.StderrLines[0].ShouldBe("Task exception was never retrieved");
        output.StderrLines[1].ShouldBe("future: <Task finished name='Task-2' coro=<Fail() done> exception=ValueError('lost')>");
        output.StderrLines[2].ShouldBe("Traceback (most recent call last):");
        output.StderrLines[^1].ShouldBe("ValueError: lost");
        output.StderrLines.Count(l => l == "Task exception was never retrieved").ShouldBe(1);

        static void Forget() => CreateTask(Fail("lost"));
    }

    [Fact]
    public void A_failed_task_that_is_still_referenced_and_retrieved_later_is_not_reported()
    {
        // As in CPython, whose report comes from __del__: while someone holds the task it can still retrieve it.
        var output = PyRun.Main(async () =>
        {
            var task = CreateTask(Fail("later"));
            await Sleep(5);
            try
            {
                await task;
            }
            catch (ValueError e)
            {
                Print("caught", e.Message);
            }
        });
        output.Stdout.ShouldBe("caught later\n");
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_failed_task_held_until_the_end_but_never_retrieved_is_reported_when_the_loop_closes()
    {
        var output = PyRun.Main(async () =>
        {
            var task = CreateTask(Fail("held"));
            await Sleep(1);
            GC.KeepAlive(task);
            Print("end");
        });
        output.Stdout.ShouldBe("end\n");
        output.StderrLines[0].ShouldBe("Task exception was never retrieved");
        output.StderrLines.Count(l => l == "Task exception was never retrieved").ShouldBe(1);
    }

    [Fact]
    public void An_exception_retrieved_with_Exception_is_not_reported()
    {
        var output = PyRun.Main(async () =>
        {
            var task = CreateTask(Fail("seen"));
            await Sleep(0);
            await Sleep(0);
            task.Exception().ShouldBeOfType<ValueError>();
        });
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void The_task_waiting_on_a_failed_future_retrieves_its_exception()
    {
        var output = PyRun.Main(async () =>
        {
            var future = Future<int>();
            GetRunningLoop().CallSoon(() => future.SetException(new ValueError("x")));
            try { await future; } catch (ValueError) { }
            await Sleep(0);
            await Sleep(0);
        });
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_future_exception_nobody_retrieved_is_reported()
    {
        // futures.py __del__: "Future exception was never retrieved"
        var output = PyRun.Main(async () =>
        {
            Unobserved();
            await Sleep(0);
            await Sleep(0);
        });
        output.StderrLines[0].ShouldBe("Future exception was never retrieved");
        output.StderrLines[1].ShouldBe("future: <Future finished exception=ValueError('lost')>");
        output.StderrLines[^1].ShouldBe("ValueError: lost");

        static void Unobserved() => Future<int>().SetException(new ValueError("lost"));
    }

    [Fact]
    public void Children_exceptions_after_the_first_are_marked_retrieved()
    {
        // test_tasks.py CoroutineGatherTests.test_exception_marking: no "never retrieved" reports
        var output = PyRun.Main(async () =>
        {
            var gathered = Gather(GatherTests.Fail(1, "first"), GatherTests.Fail(2, "second"));
            await CoroutineTests.Catch<ValueError>(async () => await gathered);
            await Sleep(3);
        });
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void An_inner_failure_after_the_outer_was_cancelled_is_reported_not_lost()
    {
        // tasks.py shield: _outer_done_callback removes the inner callback, so nobody retrieves it.
        var output = PyRun.Main(async () =>
        {
            var outer = Shield(GatherTests.Fail(1, "late"));
            outer.Cancel();
            await Sleep(2);
            Print("end");
        });
        output.Stdout.ShouldBe("end\n");
        output.StderrLines[0].ShouldBe("Task exception was never retrieved");
        output.Stderr.ShouldContain("ValueError: late");
    }

    private sealed class UnprintableError : Exception
    {
        public override string Message => throw new RuntimeError("str broke");

        public override string ToString() => throw new RuntimeError("repr broke");
    }

    [Fact]
    public void An_unretrieved_exception_whose_members_throw_is_reported_without_throwing_out_of_the_loop()
    {
        // Issue 11; CPython: the default handler's repr of the task raises, and call_exception_handler logs
        // "Exception in default exception handler" with that error; asyncio.run returns normally.
        var (result, output) = PyRun.Main(async () =>
        {
            _ = CreateTask(Fail());
            await Sleep(0.1);
            Print("main done");
            return 7;
        });
        result.ShouldBe(7);
        output.Stdout.ShouldBe("main done\n");
        output.Stderr.ShouldStartWith("Exception in default exception handler\nTraceback (most recent call last):\n");
        output.Stderr.ShouldContain("RuntimeError: str broke\n");

        static async Coroutine Fail()
        {
            await Sleep(0);
            throw new UnprintableError();
        }
    }

    [Fact]
    public void A_callback_exception_whose_members_throw_is_logged_with_CPythons_placeholder()
    {
        // Issue 11; CPython's traceback prints "<exception str() failed>" for an exception whose __str__ raises.
        var output = PyRun.Main(async () =>
        {
            GetRunningLoop().CallSoon(() => throw new UnprintableError());
            await Sleep(0);
            await Sleep(0);
        });
        output.Stderr.ShouldContain("UnprintableError: <exception str() failed>\n");
    }
}
