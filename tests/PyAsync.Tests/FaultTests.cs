using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Issue 11's faults: user code the loop calls that throws (callbacks of <c>CallSoon</c>, <c>CallLater</c>
/// and <c>CallSoonThreadsafe</c>, done callbacks, exception handlers), and user objects whose reprs or
/// exception members throw. Whatever throws, the loop keeps running, later callbacks still run, <c>Run</c>
/// returns the program's result, and the report is what CPython prints (base_events.py
/// <c>call_exception_handler</c>, events.py <c>Handle._run</c>, reprlib). Complements
/// <see cref="UnretrievedExceptionTests"/>, <see cref="WarningsSinkTests"/>, <see cref="NeverAwaitedTests"/>
/// and <see cref="EventLoopTests"/>, which cover the first cases of each.
/// </summary>
public class FaultTests
{
    /// <summary>An object whose repr (and str) raises, as a Python class with a broken <c>__repr__</c>.</summary>
    internal sealed class Hostile
    {
        public override string ToString() => throw new RuntimeError("repr broke");
    }

    /// <summary>An exception every overridable member of which throws.</summary>
    internal sealed class HostileError() : Exception("never seen")
    {
        public override string Message => throw new RuntimeError("Message broke");

        public override string ToString() => throw new RuntimeError("ToString broke");

        public override string? StackTrace => throw new RuntimeError("StackTrace broke");

        public override System.Collections.IDictionary Data => throw new RuntimeError("Data broke");

        public override string? Source
        {
            get => throw new RuntimeError("Source broke");
            set => throw new RuntimeError("Source broke");
        }

        public override string? HelpLink
        {
            get => throw new RuntimeError("HelpLink broke");
            set => throw new RuntimeError("HelpLink broke");
        }

        public override Exception GetBaseException() => throw new RuntimeError("GetBaseException broke");
    }

    private static void Fail() => throw new ValueError("callback failed");

    [Fact]
    public void A_timer_callback_that_throws_is_reported_and_later_timers_still_fire()
    {
        // test_base_events.py BaseEventLoopTests.test_default_exc_handler_callback, with call_later:
        // the TimerHandle's _run reports "Exception in callback ..." and the loop goes on.
        var contexts = new List<Dictionary<string, object?>>();
        var (result, output) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            loop.SetExceptionHandler((_, context) => contexts.Add(context));
            var ran = new List<double>();
            loop.CallLater(1, Fail);
            loop.CallLater(1, () => ran.Add(loop.Time()));
            loop.CallAt(2, Fail);
            loop.CallLater(3, () => ran.Add(loop.Time()));
            await Sleep(4);
            return ran;
        });
        result.ShouldBe([1.0, 3.0]);
        output.Stderr.ShouldBe("");
        contexts.Select(c => c["message"]).ShouldBe(["Exception in callback Fail()", "Exception in callback Fail()"]);
        contexts[0]["handle"].ShouldBeOfType<TimerHandle>().When().ShouldBe(1);
        contexts[1]["handle"].ShouldBeOfType<TimerHandle>().When().ShouldBe(2);
        contexts.ShouldAllBe(c => c["exception"] is ValueError);
    }

    [Fact]
    public void A_threadsafe_callback_that_throws_is_reported_once_and_the_loop_goes_on()
    {
        // test_base_events.py test_call_soon_threadsafe + Handle._run: an exception in a callback posted
        // from another thread goes to the exception handler like any other; the other posts still run.
        var contexts = new List<Dictionary<string, object?>>();
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            loop.SetExceptionHandler((_, context) => contexts.Add(context));
            var ran = new List<int>();
            var thread = new Thread(() =>
            {
                for (int i = 0; i < 10; i++)
                {
                    int n = i;
                    if (n % 3 == 0) loop.CallSoonThreadsafe(Fail);
                    else loop.CallSoonThreadsafe(() => ran.Add(n));
                }
            });
            thread.Start();
            await ToThread(thread.Join);
            await Sleep(0);
            return ran;
        });
        result.ShouldBe([1, 2, 4, 5, 7, 8]);
        contexts.Count.ShouldBe(4);
        contexts.ShouldAllBe(c => (string)c["message"]! == "Exception in callback Fail()" && c["exception"] is ValueError);
    }

    [Fact]
    public void A_done_callback_that_throws_is_reported_and_the_next_done_callback_still_runs()
    {
        // futures.py __schedule_callbacks + events.py Handle._run: each done callback is its own
        // handle; CPython prints "Exception in callback bad_done(<Task finishe...>)" and goes on.
        var order = new List<string>();
        var (result, output) = PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(1, 3));
            task.AddDoneCallback(BadDone);
            task.AddDoneCallback(_ => order.Add("second"));
            int value = await task;
            await Sleep(0);
            order.Add("main");
            return value;
        });
        result.ShouldBe(3);
        order.ShouldBe(["second", "main"]);
        // CPython's reprlib cuts the task's repr to 30 characters ("<Task finishe...7f21235b09d0>>");
        // PyAsync shows it whole.
        var lines = output.StderrLines;
        string callback = "A_done_callback_that_throws_is_reported_and_the_next_done_callback_still_runs.<locals>.BadDone"
            + "(<Task finished name='Task-2' coro=<sleep() done> result=3>)";
        lines[0].ShouldBe($"Exception in callback {callback}");
        lines[1].ShouldBe($"handle: <Handle {callback}>");
        lines[2].ShouldBe("Traceback (most recent call last):");
        lines[^1].ShouldBe("ValueError: done callback failed");

        static void BadDone(PyTask<int> t) => throw new ValueError("done callback failed");
    }

    [Fact]
    public void A_failing_callback_whose_argument_has_a_broken_repr_is_still_reported()
    {
        // events.py Handle._run formats the callback with reprlib.repr, which shows an object whose
        // __repr__ raises as "<Hostile instance at 0x...>": the report is made and the loop goes on.
        var ran = new List<string>();
        var (result, output) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            loop.CallSoon(Take, new Hostile());
            loop.CallSoon(() => ran.Add("later"));
            await Sleep(0);
            await Sleep(0);
            return 5;
        });
        result.ShouldBe(5);
        ran.ShouldBe(["later"]);
        var lines = output.StderrLines;
        const string callback = @"A_failing_callback_whose_argument_has_a_broken_repr_is_still_reported\.<locals>\.Take\(<Hostile instance at 0x[0-9a-f]+>\)";
        lines[0].ShouldMatch($"^Exception in callback {callback}$");
        lines[1].ShouldMatch($"^handle: <Handle {callback}>$");
        lines.ShouldNotContain(l => l.StartsWith("Exception ignored", StringComparison.Ordinal));
        lines[^1].ShouldBe("ValueError: callback failed");

        static void Take(Hostile h) => Fail();
    }

    [Fact]
    public void A_future_whose_result_has_a_broken_repr_prints_reprlibs_placeholder()
    {
        // futures.py _future_repr_info: 'result={}'.format(reprlib.repr(self._result)).
        var (text, _) = PyRun.Main(async () =>
        {
            var future = Future<Hostile>();
            future.SetResult(new Hostile());
            await Sleep(0);
            return future.ToString();
        });
        text.ShouldMatch(@"^<Future finished result=<Hostile instance at 0x[0-9a-f]+>>$");
    }

    [Fact]
    public void A_custom_exception_handler_that_throws_is_reported_and_the_loop_goes_on()
    {
        // test_base_events.py BaseEventLoopTests.test_set_exc_handler_broken: the handler's error is
        // logged as "Unhandled error in exception handler" with the original context; the callbacks
        // after it run, and asyncio.run returns main's result.
        var ran = new List<string>();
        var (result, output) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            loop.SetExceptionHandler((_, _) => throw new ValueError("ham"));
            loop.CallSoon(Fail);
            loop.CallSoon(() => ran.Add("after"));
            loop.CallSoon(Fail);
            await Sleep(0);
            await Sleep(0);
            return 9;
        });
        result.ShouldBe(9);
        ran.ShouldBe(["after"]);
        var lines = output.StderrLines;
        lines.Count(l => l == "Unhandled error in exception handler").ShouldBe(2);
        lines[0].ShouldBe("Unhandled error in exception handler");
        lines[1].ShouldBe("context: {'message': 'Exception in callback Fail()', 'exception': ValueError('callback failed'), 'handle': <Handle Fail()>}");
        lines[2].ShouldBe("Traceback (most recent call last):");
        output.Stderr.ShouldContain("\nValueError: ham\n");
    }

    [Fact]
    public void A_default_exception_handler_that_fails_on_a_broken_repr_is_logged_and_the_loop_goes_on()
    {
        // test_base_events.py BaseEventLoopTests.test_default_exc_handler_broken: the default handler
        // raising (here on repr(value) of a context entry) is logged as "Exception in default exception
        // handler", and call_exception_handler returns.
        var (result, output) = PyRun.Main(async () =>
        {
            GetRunningLoop().CallExceptionHandler(new Dictionary<string, object?> { ["message"] = "custom", ["obj"] = new Hostile() });
            await Sleep(0);
            return 1;
        });
        result.ShouldBe(1);
        var lines = output.StderrLines;
        lines[0].ShouldBe("Exception in default exception handler");
        lines[1].ShouldBe("Traceback (most recent call last):");
        lines[^1].ShouldBe("RuntimeError: repr broke");
    }

    [Fact]
    public void A_custom_handler_that_throws_while_the_default_one_fails_too_is_logged_and_the_loop_goes_on()
    {
        // test_base_events.py test_default_exc_handler_broken, second half: "Exception in default
        // exception handler while handling an unexpected error in custom exception handler".
        var (result, output) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            loop.SetExceptionHandler((_, _) => throw new ValueError("ham"));
            loop.CallExceptionHandler(new Dictionary<string, object?> { ["message"] = "custom2", ["obj"] = new Hostile() });
            await Sleep(0);
            return 2;
        });
        result.ShouldBe(2);
        var lines = output.StderrLines;
        lines[0].ShouldBe("Exception in default exception handler while handling an unexpected error in custom exception handler");
        lines[1].ShouldBe("Traceback (most recent call last):");
        lines[^1].ShouldBe("RuntimeError: repr broke");
    }

    [Fact]
    public void SetName_with_an_object_whose_str_throws_raises_and_keeps_the_old_name()
    {
        // tasks.py Task.set_name: self._name = str(value) raises before the name changes.
        var (name, _) = PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(0));
            Should.Throw<RuntimeError>(() => task.SetName(new Hostile())).Message.ShouldBe("repr broke");
            await task;
            return task.GetName();
        });
        name.ShouldBe("Task-2");
    }
    [Fact]
    public void A_failing_done_callback_of_a_task_whose_repr_throws_is_reported_with_reprlibs_placeholder()
    {
        // events.py Handle._run + reprlib: repr(task) raises (its exception's repr does), so the
        // callback shows as "bad_done(<Task instance at 0x...>)"; the report is made, main goes on.
        var (result, output) = PyRun.Main(async () =>
        {
            var task = CreateTask(FailWithHostileArgument());
            task.AddDoneCallback(BadDone);
            try { await task; }
            catch (ValueError) { Print("caught"); }
            await Sleep(0);
            return 5;
        });
        result.ShouldBe(5);
        output.Stdout.ShouldBe("caught\n");
        var lines = output.StderrLines;
        lines[0].ShouldMatch(@"^Exception in callback .*\.BadDone\(<Task instance at 0x[0-9a-f]+>\)$");
        lines[1].ShouldMatch(@"^handle: <Handle .*\.BadDone\(<Task instance at 0x[0-9a-f]+>\)>$");
        lines[^1].ShouldBe("KeyError: 'k'");

        static async Coroutine FailWithHostileArgument()
        {
            await Sleep(0);
            throw new ValueError(new Hostile());
        }

        static void BadDone(PyTask t) => throw new KeyError("k");
    }

    [Fact]
    public void The_debug_report_of_a_slow_callback_with_an_argument_whose_repr_throws_uses_reprlibs_placeholder()
    {
        // base_events.py _run_once (debug): 'Executing %s took %.3f seconds' with the handle's repr,
        // whose arguments reprlib formats: "<Hostile instance at 0x...>".
        var (result, output) = PyRun.Main(async () =>
        {
            GetRunningLoop().CallSoon(Slow, new Hostile());
            await Sleep(0);
            await Sleep(0);
            return 5;
        }, debug: true);
        result.ShouldBe(5);
        output.StderrLines.ShouldHaveSingleItem().ShouldMatch(@"^Executing <Handle .*\.Slow\(<Hostile instance at 0x[0-9a-f]+>\)> took 3\.000 seconds$");

        static void Slow(Hostile h) => Time.Sleep(3);
    }

    [Fact]
    public void An_exception_whose_every_member_throws_goes_through_tasks_reports_and_out_of_Run_intact()
    {
        // Issue 11. CPython has no exception whose every attribute raises; the rule is that the loop
        // never throws on one: a callback failing with it is reported (its str shows as CPython's
        // "<exception str() failed>"), a task failing with it hands the same object to its awaiter, one
        // nobody retrieved is reported as "Exception in default exception handler" (its repr raises, as
        // test_default_exc_handler_broken), and asyncio.run raises the very exception main raised.
        var raised = new HostileError();
        Exception? caught = null, fromRun = null;
        var output = PyRun.Program(() =>
        {
            try { Run(Main()); }
            catch (Exception e) { fromRun = e; }
        });
        caught.ShouldBeSameAs(raised);
        fromRun.ShouldBeSameAs(raised);
        var lines = output.StderrLines;
        lines[0].ShouldBe("Exception in callback Throw(<HostileError instance at 0x" + lines[0].Split("0x")[1]);
        lines.ShouldContain("HostileError: <exception str() failed>");
        lines.ShouldContain("Exception in default exception handler");
        lines[^1].ShouldBe("RuntimeError: Message broke");

        async Coroutine Main()
        {
            GetRunningLoop().CallSoon(Throw, raised);
            var task = CreateTask(FailWith(raised));
            try { await task; }
            catch (HostileError e) { caught = e; }
            Forget(raised);
            for (int i = 0; i < 3; i++) await Sleep(0);
            throw raised;
        }

        static void Forget(Exception e) => CreateTask(FailWith(e));

        static async Coroutine FailWith(Exception e)
        {
            await Sleep(0);
            throw e;
        }
    }

    [Fact]
    public void An_exception_made_with_an_argument_whose_str_throws_is_created_and_raises_only_when_printed()
    {
        // BaseException.__new__ only stores args; str(e) and repr(e) call the argument's __str__/__repr__
        // and raise then. CPython: ValueError(Hostile()) is fine, str(e) raises RuntimeError.
        var e = new ValueError(new Hostile());
        e.Args[0].ShouldBeOfType<Hostile>();
        Should.Throw<RuntimeError>(() => Str(e)).Message.ShouldBe("repr broke");
        Should.Throw<RuntimeError>(() => Repr(e)).Message.ShouldBe("repr broke");
        Should.Throw<RuntimeError>(() => Str(new RuntimeError(new Hostile())));
    }

    internal static void Throw(Exception e) => throw e;
}
