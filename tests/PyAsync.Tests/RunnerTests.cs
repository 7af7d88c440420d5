using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.run and asyncio.Runner (CPython: test_runners.py; src/PyAsync/Runners).</summary>
public class RunnerTests
{
    [Fact]
    public void Run_returns_the_coroutines_result()
    {
        // test_runners.py: RunTests.test_asyncio_run_return
        var (result, _) = PyRun.Main(async () =>
        {
            await Sleep(0);
            return 42;
        });
        result.ShouldBe(42);
    }

    [Fact]
    public void Run_rethrows_the_coroutines_exception_with_its_stack_trace()
    {
        // test_runners.py: RunTests.test_asyncio_run_raises
        var e = PyRun.Raises<ValueError>(Raiser);
        e.Message.ShouldBe("spam");
        e.StackTrace!.ShouldContain(nameof(Raiser));
    }

    private static async Coroutine Raiser()
    {
        await Sleep(0);
        throw new ValueError("spam");
    }

    [Fact]
    public void Run_inside_a_running_loop_raises_RuntimeError()
    {
        // test_runners.py: RunTests.test_asyncio_run_from_running_loop
        PyRun.Main(async () =>
        {
            var inner = Sleep(0);
            Should.Throw<RuntimeError>(() => Run(inner)).Message.ShouldBe("asyncio.run() cannot be called from a running event loop");
            inner.Close();
            await Sleep(0);
        });
    }

    [Fact]
    public void Run_cancels_and_awaits_the_tasks_still_pending_at_the_end()
    {
        // test_runners.py: RunTests.test_asyncio_run_cancels_hanging_tasks
        var output = PyRun.Main(async () =>
        {
            _ = CreateTask(Background());
            await Sleep(1);
            Print("main done");
        });
        output.Stdout.ShouldBe("background started\nmain done\nbackground cancelled\nbackground cleanup\n");
        output.Stderr.ShouldBe("");

        static async Coroutine Background()
        {
            Print("background started");
            try
            {
                await Sleep(100);
            }
            catch (CancelledError)
            {
                Print("background cancelled");
                throw;
            }
            finally
            {
                Print("background cleanup");
            }
        }
    }

    [Fact]
    public void Run_reports_a_pending_task_that_fails_instead_of_cancelling()
    {
        // test_runners.py: RunTests.test_asyncio_run_reports_hanging_tasks_errors
        var output = PyRun.Main(async () =>
        {
            _ = CreateTask(Leftover());
            await Sleep(0);
        });
        output.StderrLines[0].ShouldBe("unhandled exception during asyncio.run() shutdown");
        output.StderrLines[1].ShouldStartWith("task: <Task finished name='Task-2'");
        output.StderrLines[^1].ShouldBe("RuntimeError: cleanup failed");

        static async Coroutine Leftover()
        {
            try { await Sleep(100); }
            catch (CancelledError) { throw new RuntimeError("cleanup failed"); }
        }
    }

    [Fact]
    public void Run_returns_when_main_finishes_even_with_timers_pending()
    {
        var (time, _) = PyRun.Main(async () =>
        {
            GetRunningLoop().CallLater(1000, () => throw new InvalidOperationException("must not run"));
            await Sleep(1);
            return GetRunningLoop().Time();
        });
        time.ShouldBe(1);
    }

    [Fact]
    public void Run_with_debug_enables_debug_mode()
    {
        var (debug, _) = PyRun.Main(async () => GetRunningLoop().GetDebug(), debug: true);
        debug.ShouldBeTrue();
        var (normal, _) = PyRun.Main(async () => GetRunningLoop().GetDebug());
        normal.ShouldBeFalse();
    }

    [Fact]
    public void Run_can_be_given_a_clock()
    {
        var clock = new VirtualClock(new DateTimeOffset(2030, 6, 1, 8, 30, 0, TimeSpan.Zero));
        var (text, _) = PyRun.Main(async () =>
        {
            await Sleep(60);
            return Time.Strftime("%Y-%m-%d %X");
        });
        text.ShouldBe("2025-01-01 12:01:00");

        string? other = null;
        PyRun.Program(() => other = Run(Stamp(), clock: clock));
        other.ShouldBe("2030-06-01 08:31:00");

        static async Coroutine<string> Stamp()
        {
            await Sleep(60);
            return Time.Strftime("%Y-%m-%d %X");
        }
    }

    [Fact]
    public void A_Runner_runs_several_coroutines_on_one_loop()
    {
        // test_runners.py: RunnerTests.test_run / test_run_keeps_context / test_second_with_block_raises
        PyRun.Program(() =>
        {
            EventLoop? first, second;
            using (var runner = Runner())
            {
                first = runner.Run(LoopOf());
                second = runner.Run(LoopOf());
                runner.GetLoop().ShouldBeSameAs(first);
                first.IsClosed().ShouldBeFalse();
            }
            first.ShouldBeSameAs(second);
            first.IsClosed().ShouldBeTrue();
        });

        static async Coroutine<EventLoop> LoopOf()
        {
            await Sleep(0);
            return GetRunningLoop();
        }
    }

    [Fact]
    public void A_closed_Runner_refuses_to_run()
    {
        // test_runners.py: RunnerTests.test_run_after_close / test_double_close
        PyRun.Program(() =>
        {
            var runner = Runner();
            runner.Run(Sleep(0));
            runner.Close();
            runner.Close();
            var coro = Sleep(0);
            Should.Throw<RuntimeError>(() => runner.Run(coro)).Message.ShouldBe("Runner is closed");
            coro.Close();
        });
    }

    [Fact]
    public void Run_waits_for_executor_jobs_before_closing_the_loop()
    {
        bool jobFinished = false;
        PyRun.Main(async () =>
        {
            _ = GetRunningLoop().RunInExecutor(null, () =>
            {
                using var gate = new ManualResetEventSlim();
                gate.Wait(20);
                jobFinished = true;
            });
            await Sleep(0);
        });
        jobFinished.ShouldBeTrue();
    }

    [Fact]
    public void Run_runs_plain_TPL_code_on_the_loop_thread()
    {
        var threads = new HashSet<int>();
        int? result = null;
        PyRun.Program(() =>
        {
            result = Run(async Task<int> () =>
            {
                threads.Add(Environment.CurrentManagedThreadId);
                await Task.Delay(5);
                threads.Add(Environment.CurrentManagedThreadId);
                await Task.Yield();
                threads.Add(Environment.CurrentManagedThreadId);
                await Sleep(3);
                threads.Add(Environment.CurrentManagedThreadId);
                return (int)GetRunningLoop().Time();
            });
        });
        threads.Count.ShouldBe(1);
        result.ShouldBe(3);
    }

    [Fact]
    public void Run_of_TPL_code_without_a_result_awaits_futures_and_tasks()
    {
        var output = PyRun.Program(() => Run(async Task () =>
        {
            var task = CreateTask(Sleep(2, "slept"));
            Print(await task);
            var future = GetRunningLoop().CreateFuture<int>();
            GetRunningLoop().CallLater(1, () => future.SetResult(9));
            Print(await future, GetRunningLoop().Time());
        }));
        output.Stdout.ShouldBe("slept\n9 3.0\n");
    }

    [Fact]
    public void Run_still_runs_the_done_callbacks_that_are_ready_when_main_returns()
    {
        // runners.py Runner.close: shutdown_asyncgens and shutdown_default_executor each run the loop
        // (issue 11, defect 4: the gather's callback is scheduled in the loop's last iteration)
        var (result, output) = PyRun.Main(async () =>
        {
            var g = Gather(Sleep(0, 86));
            g.AddDoneCallback(f => Print("cb", f.Result()));
            await Sleep(0);
            return 0;
        });
        result.ShouldBe(0);
        output.Stdout.ShouldBe("cb [86]\n");
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void Run_still_runs_the_done_callback_of_a_gather_main_cancelled_as_its_last_act()
    {
        // runners.py Runner.close: shutdown_asyncgens and shutdown_default_executor each run the loop
        // (the child sees its cancellation in the loop's last iteration; the gather completes after it)
        var (result, output) = PyRun.Main(async () =>
        {
            var g = Gather(Sleep(0, 86));
            g.AddDoneCallback(f => Print("cb", f.Cancelled(), Repr(f.Exception())));
            await Sleep(0);
            Print("cancel", g.Cancel());
            return 0;
        });
        result.ShouldBe(0);
        output.Stdout.ShouldBe("cancel True\ncb False CancelledError()\n");
        output.Stderr.ShouldBe("");
    }

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 8)]
    public void Runs_shutdown_turns_the_loop_as_often_as_CPython_so_a_callback_chain_stops_at_the_same_depth(bool taskLeft, int depth)
    {
        // runners.py Runner.close: _cancel_all_tasks runs the loop when tasks are left, then
        // shutdown_asyncgens and shutdown_default_executor each run the loop for two iterations (a task
        // that returns at once, then its done callback stops the loop). CPython 3.11 and 3.13 both stop
        // the chain at depth 5, or 8 with a task left to cancel.
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            if (taskLeft)
            {
                _ = CreateTask(Forever());
                await Sleep(0);
            }
            loop.CallSoon(() => Chain(loop, 1));
        });
        var expected = string.Concat(Enumerable.Range(1, depth).Select(d => $"depth {d}\n"));
        if (taskLeft) expected = expected.Replace("depth 2\n", "depth 2\nforever cancelled\n");
        output.Stdout.ShouldBe(expected);

        static void Chain(EventLoop loop, int d)
        {
            Print("depth", d);
            if (d < 20) loop.CallSoon(() => Chain(loop, d + 1));
        }

        static async Coroutine Forever()
        {
            try
            {
                await Sleep(100);
            }
            finally
            {
                Print("forever cancelled");
            }
        }
    }

    [Fact]
    public void Runs_shutdown_after_the_default_executor_was_used_turns_the_loop_as_CPython_does_at_the_fastest()
    {
        // runners.py Runner.close: shutdown_default_executor joins the executor on a thread and awaits a
        // future that thread completes, so the loop turns at least four times. CPython's count depends
        // on the thread (a chain reaches depth 7 at least, often more); PyAsync takes the fastest case.
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            await loop.RunInExecutor(null, () => { });
            loop.CallSoon(() => Chain(loop, 1));
        });
        output.Stdout.ShouldBe(string.Concat(Enumerable.Range(1, 7).Select(d => $"depth {d}\n")));

        static void Chain(EventLoop loop, int d)
        {
            Print("depth", d);
            if (d < 20) loop.CallSoon(() => Chain(loop, d + 1));
        }
    }

    [Fact]
    public void Runs_shutdown_steps_are_tasks_that_take_task_names_as_in_CPython()
    {
        // runners.py Runner.close: loop.run_until_complete(loop.shutdown_asyncgens()) and
        // (loop.shutdown_default_executor()) each wrap a coroutine in a task, which takes a Task-N name
        var output = PyRun.Program(() =>
        {
            Run(PrintName());
            Run(PrintName());
            using (var runner = Runner())
            {
                runner.Run(PrintName());
                runner.Run(PrintName());
            }
            Run(PrintName());
        });
        output.Stdout.ShouldBe("Task-1\nTask-4\nTask-7\nTask-8\nTask-11\n");

        static async Coroutine PrintName()
        {
            await Sleep(0);
            Print(CurrentTask()!.GetName());
        }
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Should.Throw<ArgumentNullException>(() => Run((Coroutine)null!));
        Should.Throw<ArgumentNullException>(() => Run((Coroutine<int>)null!));
        Should.Throw<ArgumentNullException>(() => Run((Func<Task>)null!));
        Should.Throw<ArgumentNullException>(() => Runner().Run((Coroutine)null!));
    }
}
