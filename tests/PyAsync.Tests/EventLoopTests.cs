using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// The event loop: call_soon/call_later/call_at order, run_forever/stop/close, run_until_complete, the
/// exception handler, call_soon_threadsafe, debug mode, the virtual clock, get/set/new_event_loop
/// (CPython: test_base_events.py, test_events.py; asyncio base_events.py, src/PyAsync/Events).
/// </summary>
public class EventLoopTests
{
    internal static void WithLoop(Action<EventLoop> body) => PyRun.Program(() =>
    {
        var loop = new EventLoop(new VirtualClock());
        try { body(loop); }
        finally { loop.Close(); }
    });

    [Fact]
    public void Ready_callbacks_run_first_in_first_out()
    {
        // test_base_events.py: BaseEventLoopTests.test_call_soon
        var order = new List<int>();
        WithLoop(loop =>
        {
            for (int i = 0; i < 5; i++) loop.CallSoon(order.Add, i);
            loop.CallSoon(loop.Stop);
            loop.RunForever();
        });
        order.ShouldBe([0, 1, 2, 3, 4]);
    }

    [Fact]
    public void Callbacks_scheduled_by_a_callback_run_on_the_next_iteration()
    {
        // BaseEventLoop._run_once: "we run all currently scheduled callbacks, but not any callbacks
        // scheduled by callbacks run this time around" (ntodo). stop() ends run_forever after the iteration.
        var order = new List<string>();
        WithLoop(loop =>
        {
            loop.CallSoon(() =>
            {
                order.Add("a");
                loop.CallSoon(() => order.Add("c"));
            });
            loop.CallSoon(() =>
            {
                order.Add("b");
                loop.Stop();
            });
            loop.RunForever();
            order.ShouldBe(["a", "b"]);
            loop.CallSoon(loop.Stop);
            loop.RunForever();
        });
        order.ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void Timers_fire_in_deadline_order_and_ties_in_scheduling_order()
    {
        // test_base_events.py: test_call_later / test__run_once (heap order); equal deadlines keep FIFO.
        var order = new List<string>();
        WithLoop(loop =>
        {
            loop.CallLater(2, () => order.Add("2"));
            loop.CallLater(1, () => order.Add("1a"));
            loop.CallAt(loop.Time() + 1, () => order.Add("1b"));
            loop.CallLater(0.5, () => order.Add("0.5"));
            loop.CallLater(1, () => order.Add("1c"));
            loop.CallLater(3, loop.Stop);
            loop.RunForever();
            loop.Time().ShouldBe(3.0);
        });
        order.ShouldBe(["0.5", "1a", "1b", "1c", "2"]);
    }

    [Fact]
    public void A_due_timer_runs_after_the_callbacks_already_ready()
    {
        var order = new List<string>();
        WithLoop(loop =>
        {
            loop.CallLater(0, () => order.Add("timer"));
            loop.CallSoon(() => order.Add("soon"));
            loop.CallLater(0.1, loop.Stop);
            loop.RunForever();
        });
        order.ShouldBe(["soon", "timer"]);
    }

    [Fact]
    public void Many_cancelled_timers_are_cleaned_out_of_the_heap()
    {
        // test_base_events.py: test__run_once_cancelled_event_cleanup.
        var ran = new List<int>();
        WithLoop(loop =>
        {
            var timers = Enumerable.Range(0, 300).Select(i => loop.CallLater(10 + i, () => ran.Add(i))).ToList();
            foreach (var t in timers.Where((_, i) => i % 3 != 0)) t.Cancel();
            loop.CallLater(1000, loop.Stop);
            loop.RunForever();
        });
        ran.ShouldBe(Enumerable.Range(0, 300).Where(i => i % 3 == 0));
    }

    [Fact]
    public void An_exception_in_a_callback_goes_to_the_exception_handler_and_the_loop_goes_on()
    {
        // test_base_events.py: test_default_exc_handler_callback / test_set_exc_handler_custom.
        var contexts = new List<Dictionary<string, object?>>();
        bool after = false;
        WithLoop(loop =>
        {
            loop.SetExceptionHandler((_, context) => contexts.Add(context));
            loop.CallSoon(Boom);
            loop.CallSoon(() => after = true);
            loop.CallSoon(loop.Stop);
            loop.RunForever();
        });
        after.ShouldBeTrue();
        contexts.Count.ShouldBe(1);
        contexts[0]["message"].ShouldBe("Exception in callback Boom()");
        contexts[0]["exception"].ShouldBeOfType<ValueError>().Message.ShouldBe("boom");
        contexts[0]["handle"].ShouldBeOfType<Handle>();
    }

    private static void Boom() => throw new ValueError("boom");

    private static void Divide() => throw new ZeroDivisionError();

    [Fact]
    public void The_default_exception_handler_writes_CPythons_message_to_stderr()
    {
        var output = PyRun.Program(() =>
        {
            var loop = new EventLoop(new VirtualClock());
            loop.CallSoon(Divide);
            loop.CallSoon(loop.Stop);
            loop.RunForever();
            loop.Close();
        });
        var lines = output.StderrLines;
        lines[0].ShouldBe("Exception in callback Divide()");
        lines[1].ShouldBe("handle: <Handle Divide()>");
        lines[2].ShouldBe("Traceback (most recent call last):");
        lines[^1].ShouldBe("ZeroDivisionError: division by zero");
    }

    private sealed class ZeroDivisionError() : Exception("division by zero");

    [Fact]
    public void An_exception_in_a_custom_handler_is_reported_by_the_default_one()
    {
        var output = PyRun.Program(() =>
        {
            var loop = new EventLoop(new VirtualClock());
            loop.SetExceptionHandler((_, _) => throw new RuntimeError("handler broke"));
            loop.CallSoon(() => throw new ValueError("first"));
            loop.CallSoon(loop.Stop);
            loop.RunForever();
            loop.Close();
        });
        output.StderrLines[0].ShouldBe("Unhandled error in exception handler");
        output.Stderr.ShouldContain("RuntimeError: handler broke");
    }

    [Fact]
    public void CallSoonThreadsafe_from_another_thread_wakes_a_waiting_loop()
    {
        // test_base_events.py: test_call_soon_threadsafe (real clock: the loop blocks until woken).
        int loopThread = 0, callbackThread = -1;
        PyRun.Program(() =>
        {
            var loop = new EventLoop(TimeProvider.System);
            var future = loop.CreateFuture<int>();
            var other = new Thread(() => loop.CallSoonThreadsafe(() =>
            {
                callbackThread = Environment.CurrentManagedThreadId;
                future.SetResult(7);
            }));
            loopThread = Environment.CurrentManagedThreadId;
            loop.CallSoon(other.Start);
            loop.RunUntilComplete(future).ShouldBe(7);
            loop.Close();
        });
        callbackThread.ShouldBe(loopThread);
    }

    [Fact]
    public void CallSoonThreadsafe_callbacks_run_before_a_task_step_queued_after_them()
    {
        // issue 10; base_events.py call_soon_threadsafe appends to _ready at once: the callbacks posted
        // while the loop was blocked run before the task's wake-up from sleep(0), queued after them.
        var (seen, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var lst = new List<int>();
            var t = new Thread(() =>
            {
                for (int i = 0; i < 3; i++) loop.CallSoonThreadsafe(lst.Add, i);
            });
            t.Start();
            t.Join(); // blocks the loop
            await Sleep(0);
            return lst.ToArray();
        });
        seen.ShouldBe([0, 1, 2]);
    }

    [Fact]
    public void CallSoonThreadsafe_keeps_call_order_with_the_loops_own_CallSoon()
    {
        // base_events.py: call_soon and call_soon_threadsafe both append to _ready, in call order.
        var order = new List<object>();
        EventLoopTests.WithLoop(loop =>
        {
            loop.CallSoon(() =>
            {
                loop.CallSoon<object>(order.Add, "a");
                var t = new Thread(() =>
                {
                    loop.CallSoonThreadsafe<object>(order.Add, 1);
                    loop.CallSoonThreadsafe<object>(order.Add, 2);
                });
                t.Start();
                t.Join();
                loop.CallSoon<object>(order.Add, "b");
                // A runtime wake-up (a future's done callback) also comes after the posts.
                var f = loop.CreateFuture<int>();
                f.AddDoneCallback(_ => order.Add("done callback"));
                var t2 = new Thread(() => loop.CallSoonThreadsafe<object>(order.Add, 3));
                t2.Start();
                t2.Join();
                f.SetResult(0);
                loop.CallSoon(loop.Stop);
            });
            loop.RunForever();
        });
        order.ShouldBe(["a", 1, 2, "b", 3, "done callback"]);
    }

    [Fact]
    public void RunUntilComplete_returns_the_result_and_rethrows_the_exception()
    {
        WithLoop(loop =>
        {
            var ok = loop.CreateFuture<string>();
            loop.CallLater(1, () => ok.SetResult("done"));
            loop.RunUntilComplete(ok).ShouldBe("done");

            var bad = loop.CreateFuture<string>();
            loop.CallSoon(() => bad.SetException(new ValueError("nope")));
            Should.Throw<ValueError>(() => loop.RunUntilComplete(bad)).Message.ShouldBe("nope");
        });
    }

    [Fact]
    public void RunUntilComplete_raises_when_the_loop_stops_first()
    {
        // test_base_events.py: test_run_until_complete_loop_orphan_future_close_loop message.
        WithLoop(loop =>
        {
            var never = loop.CreateFuture<int>();
            loop.CallSoon(loop.Stop);
            Should.Throw<RuntimeError>(() => loop.RunUntilComplete(never)).Message.ShouldBe("Event loop stopped before Future completed.");
        });
    }

    [Fact]
    public void A_running_or_closed_loop_refuses_to_run_again()
    {
        WithLoop(loop =>
        {
            RuntimeError? nested = null;
            loop.CallSoon(() =>
            {
                nested = Should.Throw<RuntimeError>(() => loop.RunForever());
                Should.Throw<RuntimeError>(() => loop.Close()).Message.ShouldBe("Cannot close a running event loop");
                loop.IsRunning().ShouldBeTrue();
                loop.Stop();
            });
            loop.RunForever();
            nested!.Message.ShouldBe("This event loop is already running");
            loop.IsRunning().ShouldBeFalse();
            loop.Close();
            loop.IsClosed().ShouldBeTrue();
            loop.Close();
            Should.Throw<RuntimeError>(() => loop.RunForever()).Message.ShouldBe("Event loop is closed");
            Should.Throw<RuntimeError>(() => loop.CallSoon(() => { })).Message.ShouldBe("Event loop is closed");
        });
    }

    [Fact]
    public void A_second_loop_cannot_run_inside_a_running_one()
    {
        WithLoop(loop =>
        {
            var other = new EventLoop(new VirtualClock());
            loop.CallSoon(() =>
            {
                Should.Throw<RuntimeError>(() => other.RunForever()).Message.ShouldBe("Cannot run the event loop while another loop is running");
                loop.Stop();
            });
            loop.RunForever();
            other.Close();
        });
    }

    [Fact]
    public void Arguments_are_checked()
    {
        WithLoop(loop =>
        {
            Should.Throw<ArgumentNullException>(() => loop.CallSoon(null!));
            Should.Throw<ArgumentNullException>(() => loop.CallLater(1, null!));
            Should.Throw<ArgumentNullException>(() => loop.CallAt(1, null!));
            Should.Throw<ArgumentNullException>(() => loop.CallSoonThreadsafe(null!));
            Should.Throw<ArgumentNullException>(() => loop.CreateTask((Coroutine)null!));
            Should.Throw<ArgumentNullException>(() => loop.RunUntilComplete((Future)null!));
            Should.Throw<ValueError>(() => loop.CallAt(double.NaN, () => { }));
        });
    }

    [Fact]
    public void The_loop_is_the_SynchronizationContext_of_its_thread_while_it_runs()
    {
        int loopThread = 0, resumedOn = -1;
        SynchronizationContext? inside = null;
        PyRun.Main(async () =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            inside = SynchronizationContext.Current;
            await Task.Run(() => 1);
            resumedOn = Environment.CurrentManagedThreadId;
        });
        inside.ShouldNotBeNull();
        resumedOn.ShouldBe(loopThread);
        SynchronizationContext.Current.ShouldNotBe(inside);
    }

    [Fact]
    public void Time_reads_virtual_seconds_and_a_long_sleep_jumps_the_clock()
    {
        var times = new List<double>();
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            times.Add(loop.Time());
            await Sleep(10);
            times.Add(loop.Time());
            await Sleep(0.25);
            times.Add(loop.Time());
            Time.Monotonic().ShouldBe(loop.Time());
        });
        times.ShouldBe([0, 10, 10.25]);
    }

    [Fact]
    public void The_virtual_clock_waits_for_executor_work_instead_of_jumping()
    {
        double finishedAt = -1, jobSeenAt = -1;
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var sleeper = CreateTask(Sleep(10));
            var job = loop.RunInExecutor(null, () =>
            {
                using var blocked = new ManualResetEventSlim();
                blocked.Wait(30); // a blocking job: the loop must wait for it, not jump to the sleeper
                return 5;
            });
            (await job).ShouldBe(5);
            jobSeenAt = loop.Time();
            await sleeper;
            finishedAt = loop.Time();
        });
        jobSeenAt.ShouldBe(0);
        finishedAt.ShouldBe(10);
    }

    [Fact]
    public void The_virtual_clock_waits_for_a_dotnet_task_a_coroutine_awaits()
    {
        double after = -1;
        PyRun.Main(async () =>
        {
            var sleeper = CreateTask(Sleep(10));
            // A .NET task completed 20 ms later by a thread of its own: unlike Task.Delay, its completion
            // does not wait for a thread-pool thread, which a loaded CI host can hold up past the
            // second after which the virtual clock stops waiting for .NET awaits.
            var done = new TaskCompletionSource();
            new Thread(() =>
            {
                Thread.Sleep(20);
                done.SetResult();
            }) { IsBackground = true }.Start();
            await done.Task;
            after = GetRunningLoop().Time();
            await sleeper;
        });
        after.ShouldBe(0);
    }

    [Fact]
    public void Debug_mode_reports_a_slow_step_as_CPython_does()
    {
        // base_events.py _run_once: 'Executing %s took %.3f seconds' for steps >= slow_callback_duration.
        var output = PyRun.Main(async () =>
        {
            Print("before");
            Time.Sleep(3);
            Print("after");
        }, debug: true);

        output.Stdout.ShouldBe("before\nafter\n");
        output.Stderr.ShouldContain("Executing <Task finished name='Task-1' coro=<Debug_mode_reports_a_slow_step_as_CPython_does.<locals>.<lambda>() done> result=None> took 3.000 seconds");
    }

    [Fact]
    public void Debug_mode_rejects_completing_a_future_from_another_thread()
    {
        // base_events.py _check_thread: "Non-thread-safe operation invoked on an event loop other than the current one"
        RuntimeError? error = null;
        PyRun.Main(async () =>
        {
            var future = Future<int>();
            future.AddDoneCallback(_ => { });
            await Task.Run(() => error = Should.Throw<RuntimeError>(() => future.SetResult(1)));
        }, debug: true);
        error!.Message.ShouldBe("Non-thread-safe operation invoked on an event loop other than the current one");
    }

    [Fact]
    public void Without_debug_mode_slow_steps_are_not_reported()
    {
        var output = PyRun.Main(async () => Time.Sleep(3));
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void The_loop_prints_like_CPythons()
    {
        WithLoop(loop => loop.ToString().ShouldBe("<_UnixSelectorEventLoop running=False closed=False debug=False>"));
    }

    [Fact]
    public void Get_set_and_new_event_loop()
    {
        PyRun.Program(() =>
        {
            var loop = NewEventLoop();
            SetEventLoop(loop);
            GetEventLoop().ShouldBeSameAs(loop);
            Should.Throw<RuntimeError>(() => GetRunningLoop()).Message.ShouldBe("no running event loop");
            loop.RunUntilComplete(Check(loop));
            SetEventLoop(null);
            loop.Close();
        });

        static async Coroutine Check(EventLoop loop)
        {
            GetRunningLoop().ShouldBeSameAs(loop);
            GetEventLoop().ShouldBeSameAs(loop);
            await Sleep(0);
        }
    }

    [Fact]
    public void GetEventLoop_without_any_loop_warns_and_creates_one()
    {
        // Python 3.12/3.13: DeprecationWarning "There is no current event loop", then a new loop.
        var output = PyRun.Program(() =>
        {
            SetEventLoop(null);
            var loop = GetEventLoop();
            loop.ShouldNotBeNull();
            GetEventLoop().ShouldBeSameAs(loop);
            SetEventLoop(null);
            loop.Close();
        });
        output.Stderr.ShouldBe("DeprecationWarning: There is no current event loop\n");
    }

    [Fact]
    [Trait("Category", StressScale.Category)]
    public void A_flood_of_threadsafe_calls_from_eight_threads_runs_each_once_in_each_threads_order()
    {
        // Issue 11 (floods): 8 threads x 20,000 call_soon_threadsafe calls at CI size, 8 x 100,000 under
        // PYASYNC_STRESS=full (CPython appends each to _ready under the GIL, so every call runs once, in
        // its thread's order), while a timer scheduled meanwhile still fires.
        const int threads = 8;
        int calls = StressScale.Pick(20_000, 100_000);
        var seen = new List<int>[threads];
        for (int t = 0; t < threads; t++) seen[t] = new List<int>(calls);
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            bool timerFired = false;
            loop.CallLater(0.01, () => timerFired = true);
            var workers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                int thread = t;
                workers[t] = new Thread(() =>
                {
                    for (int i = 0; i < calls; i++) loop.CallSoonThreadsafe(static arg => arg.List.Add(arg.I), (List: seen[thread], I: i));
                });
                workers[t].Start();
            }
            await ToThread(() =>
            {
                foreach (var w in workers) w.Join();
            });
            await Sleep(0.02);
            return timerFired;
        });
        result.ShouldBeTrue();
        for (int t = 0; t < threads; t++)
        {
            seen[t].Count.ShouldBe(calls, $"thread {t}");
            for (int i = 0; i < calls; i++)
                if (seen[t][i] != i) throw new ShouldAssertException($"thread {t}: call {i} ran as {seen[t][i]}");
        }
    }
}
