using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// asyncio.to_thread, loop.run_in_executor and asyncio.run_coroutine_threadsafe with its
/// concurrent.futures.Future (CPython: test_threads.py, ToThreadTests; test_tasks.py,
/// RunCoroutineThreadsafeTests; test_concurrent_futures; src/PyAsync/Threads).
/// </summary>
public class ThreadsTests
{
    [Fact]
    public void ToThread_runs_blocking_work_without_blocking_the_loop()
    {
        // test_threads.py ToThreadTests.test_to_thread
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            using var ticksDone = new ManualResetEventSlim();
            var ticker = CreateTask(Tick());
            var result = await ToThread(() => Blocking(2, ticksDone));
            Print(result, loop.Time());
            await ticker;

            async Coroutine Tick()
            {
                for (int i = 0; i < 3; i++)
                {
                    Print("tick", i);
                    await Sleep(0);
                }
                ticksDone.Set();
            }
        });
        output.Stdout.ShouldBe("tick 0\ntick 1\ntick 2\nslept 2 2.0\n");

        static string Blocking(int seconds, ManualResetEventSlim ticksDone)
        {
            ticksDone.Wait(); // the loop keeps running meanwhile: the ticks come first, deterministically
            Time.Sleep(seconds);
            return $"slept {seconds}";
        }
    }

    [Fact]
    public void The_virtual_clock_does_not_jump_while_ToThread_work_runs()
    {
        // The thread's real work (not Time.Sleep) takes real time: a pending 10 s sleep must not fire meanwhile.
        double seenAfterThread = -1;
        PyRun.Main(async () =>
        {
            var sleeper = CreateTask(Sleep(10));
            await ToThread(() =>
            {
                using var busy = new ManualResetEventSlim();
                busy.Wait(30);
            });
            seenAfterThread = GetRunningLoop().Time();
            await sleeper;
        });
        seenAfterThread.ShouldBe(0);
    }

    [Fact]
    public void ToThread_propagates_exceptions_and_the_context()
    {
        // test_threads.py ToThreadTests.test_to_thread_exception / test_to_thread_contextvars
        var local = new AsyncLocal<string>();
        PyRun.Main(async () =>
        {
            var e = await CoroutineTests.Catch<ValueError>(async () => await ToThread(() => throw new ValueError("in thread")));
            e.Message.ShouldBe("in thread");
            local.Value = "parent";
            (await ToThread(() => local.Value)).ShouldBe("parent");
            await ToThread(() => local.Value = "changed in thread");
            local.Value.ShouldBe("parent");
        });
    }

    [Fact]
    public void ToThread_carries_the_callers_context_and_RunInExecutor_runs_in_the_workers_own()
    {
        // test_threads.py ToThreadTests.test_to_thread_contextvars (threads.py: copy_context().run(func));
        // base_events.py run_in_executor submits func to a ThreadPoolExecutor, which copies no context:
        // there the caller's variables have their defaults, while the program's output is shared.
        var cvar = new ContextVar<string>("test_ctx", @default: "unset");
        var local = new AsyncLocal<string>();
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            cvar.Set("parrot");
            local.Value = "local parrot";
            (await ToThread(() => (cvar.Get(), local.Value))).ShouldBe(("parrot", "local parrot"));
            (await loop.RunInExecutor(null, () => (cvar.Get(), local.Value))).ShouldBe(("unset", (string?)null));
            var ctx = CopyContext();
            (await loop.RunInExecutor(null, () => ctx.Run(() => cvar.Get()))).ShouldBe("parrot");
            await ToThread(() =>
            {
                cvar.Set("changed in thread");
                local.Value = "changed in thread";
            });
            await loop.RunInExecutor(null, () => cvar.Set("changed in executor"));
            await loop.RunInExecutor(null, () => Print("printed by the job"));
            (cvar.Get(), local.Value).ShouldBe(("parrot", "local parrot"));
        });
        output.Stdout.ShouldBe("printed by the job\n");
    }

    // ---------------------------------------------------------------- run_coroutine_threadsafe

    /// <summary>test_tasks.py RunCoroutineThreadsafeTests.add: wait 0.05 s and return a + b.</summary>
    private static async Coroutine<int> Add(int a, int b, bool fail = false, bool cancel = false)
    {
        await Sleep(0.05);
        if (fail) throw new RuntimeError("Fail!");
        if (cancel)
        {
            CurrentTask()!.Cancel();
            await Sleep(0);
        }
        return a + b;
    }

    /// <summary>test_tasks.py RunCoroutineThreadsafeTests.target: run add on the loop from this thread.</summary>
    private static int Target(EventLoop loop, bool fail = false, bool cancel = false, double? timeout = null)
    {
        var future = RunCoroutineThreadsafe(Add(1, 2, fail, cancel), loop);
        try
        {
            return future.Result(timeout);
        }
        finally
        {
            if (!future.Done()) future.Cancel();
        }
    }

    [Fact]
    public void RunCoroutineThreadsafe_runs_the_coroutine_on_the_loop_for_another_thread()
    {
        // test_tasks.py RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            int sum = await loop.RunInExecutor(null, () => Target(loop));
            // The job blocked on the loop's work, so the virtual clock could jump to add's 0.05 s.
            return (sum, loop.Time());
        });
        result.ShouldBe((3, 0.05));
    }

    [Fact]
    public void RunCoroutineThreadsafe_passes_the_coroutines_exception_to_the_thread()
    {
        // test_tasks.py RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_with_exception
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var e = await CoroutineTests.Catch<RuntimeError>(async () => await loop.RunInExecutor(null, () => Target(loop, fail: true)));
            e.Args.ShouldBe(new PyTuple(["Fail!"]));
        });
    }

    [Fact]
    public void RunCoroutineThreadsafe_Result_times_out_and_the_cancel_reaches_the_task()
    {
        // test_tasks.py RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_with_timeout
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            await CoroutineTests.Catch<TimeoutError>(async () => await loop.RunInExecutor(null, () => Target(loop, timeout: 0)));
            await Sleep(0); // run_briefly
            await Sleep(0);
            foreach (var task in AllTasks())
                if (!ReferenceEquals(task, CurrentTask())) task.Done().ShouldBeTrue();
            AllTasks().Count.ShouldBe(1);
        });
    }

    [Fact]
    public void RunCoroutineThreadsafe_reports_a_cancelled_task_as_CancelledError()
    {
        // test_tasks.py RunCoroutineThreadsafeTests.test_run_coroutine_threadsafe_task_cancelled
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            await CoroutineTests.Catch<CancelledError>(async () => await loop.RunInExecutor(null, () => Target(loop, cancel: true)));
        });
    }

    [Fact]
    public void RunCoroutineThreadsafe_on_a_closed_loop_raises_at_once()
    {
        // tasks.py run_coroutine_threadsafe: loop.call_soon_threadsafe checks the loop is open.
        // (test_run_coroutine_threadsafe_task_factory_exception needs loop.set_task_factory, which PyAsync lacks.)
        var loop = new EventLoop(new VirtualClock());
        loop.Close();
        var coro = Add(1, 2);
        Should.Throw<RuntimeError>(() => RunCoroutineThreadsafe(coro, loop)).Message.ShouldBe("Event loop is closed");
        Should.Throw<ArgumentNullException>(() => RunCoroutineThreadsafe((Coroutine<int>)null!, loop));
        coro.Close();
    }

    [Fact]
    public void Cancelling_the_concurrent_future_cancels_the_task_on_the_loop()
    {
        // futures.py _chain_future._call_check_cancel: source_loop.call_soon_threadsafe(source.cancel)
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            using var started = new ManualResetEventSlim();
            var (cancelled, running, cancelledAfter) = await ToThread(() =>
            {
                var future = RunCoroutineThreadsafe(LongSleep(), loop);
                started.Wait();
                bool ok = future.Cancel();
                return (ok, future.Running(), future.Cancelled());
            });
            (cancelled, running, cancelledAfter).ShouldBe((true, false, true));
            await Sleep(0);
            await Sleep(0);
            events.ShouldBe(["started", "cancelled at 0.0"]);

            async Coroutine LongSleep()
            {
                events.Add("started");
                started.Set();
                try
                {
                    await Sleep(10);
                }
                catch (CancelledError)
                {
                    events.Add($"cancelled at {Str(loop.Time())}");
                    throw;
                }
            }
        });
    }

    [Fact]
    public void The_task_runs_in_the_submitting_threads_context()
    {
        // tasks.py run_coroutine_threadsafe: call_soon_threadsafe(callback) copies the calling thread's context
        var cvar = new ContextVar<string>("cvar", @default: "none");
        var (seen, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            cvar.Set("loop");
            return await ToThread(() =>
            {
                cvar.Set("thread");
                return RunCoroutineThreadsafe(Read(), loop).Result();
            });
        });
        seen.ShouldBe("thread");

        async Coroutine<string> Read() => cvar.Get();
    }

    [Fact]
    public void AsTask_lets_TPL_code_await_the_concurrent_future()
    {
        // No CPython test: the TPL side of concurrent.futures.Future (asyncio.wrap_future's role).
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var results = await ToThread(() => Task.Run(async () =>
            {
                int sum = await RunCoroutineThreadsafe(Quick(20, 22), loop).AsTask();
                var failed = RunCoroutineThreadsafe(Fails(), loop).AsTask();
                var e = await Should.ThrowAsync<ValueError>(failed);
                var none = await RunCoroutineThreadsafe(Nothing(), loop).AsTask();
                return (sum, e.Message, none);
            }).GetAwaiter().GetResult());
            results.ShouldBe((42, "bad", NoneType.None));
        });

        static async Coroutine<int> Quick(int a, int b)
        {
            await Sleep(0);
            return a + b;
        }

        static async Coroutine<int> Fails()
        {
            await Sleep(0);
            throw new ValueError("bad");
        }

        static async Coroutine Nothing() => await Sleep(0);
    }

    [Fact]
    public void AsTask_with_a_token_gives_up_the_wait_and_leaves_the_coroutine_running()
    {
        // No CPython test: concurrent.futures has no token; Cancel() is what cancels the coroutine.
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var future = RunCoroutineThreadsafe(Slow(), loop);
            using var cts = new CancellationTokenSource();
            var wait = future.AsTask(cts.Token);
            cts.Cancel();
            wait.IsCanceled.ShouldBeTrue();
            future.Cancelled().ShouldBeFalse();
            await Sleep(2);
            future.Result(timeout: 0).ShouldBe("slow");
        });

        static async Coroutine<string> Slow()
        {
            await Sleep(1);
            return "slow";
        }
    }

    [Fact]
    public void A_concurrent_future_follows_concurrent_futures_states_reprs_and_callbacks()
    {
        // test_concurrent_futures/test_future.py: test_repr, test_cancel, test_done_callback_*, test_result_with_timeout
        var output = PyRun.Program(() =>
        {
            var f = new ConcurrentFuture<int>();
            Repr(f).ShouldMatch("^<Future at 0x[0-9a-f]+ state=pending>$");
            f.Done().ShouldBeFalse();
            Should.Throw<TimeoutError>(() => f.Result(0));
            Should.Throw<TimeoutError>(() => f.Exception(0.001));
            var seen = new List<string>();
            f.AddDoneCallback(x => seen.Add($"first {x.Result()}"));
            f.AddDoneCallback(_ => throw new ValueError("in callback"));
            f.AddDoneCallback(_ => seen.Add("third"));
            f.SetRunningOrNotifyCancel().ShouldBeTrue();
            f.Running().ShouldBeTrue();
            Repr(f).ShouldEndWith("state=running>");
            f.Cancel().ShouldBeFalse();
            f.SetResult(5);
            seen.ShouldBe(["first 5", "third"]);
            Repr(f).ShouldEndWith("state=finished returned int>");
            f.Result().ShouldBe(5);
            f.Exception().ShouldBeNull();
            Should.Throw<InvalidStateError>(() => f.SetResult(6));
            f.AddDoneCallback(x => seen.Add("late"));
            seen.ShouldBe(["first 5", "third", "late"]);

            var failed = new ConcurrentFuture();
            failed.SetException(new RuntimeError("boom"));
            Repr(failed).ShouldEndWith("state=finished raised RuntimeError>");
            Should.Throw<RuntimeError>(() => failed.Result()).Message.ShouldBe("boom");

            var cancelled = new ConcurrentFuture<string>();
            cancelled.Cancel().ShouldBeTrue();
            cancelled.Cancel().ShouldBeTrue();
            Repr(cancelled).ShouldEndWith("state=cancelled>");
            Should.Throw<CancelledError>(() => cancelled.Result());
            Should.Throw<CancelledError>(() => cancelled.Exception());
            cancelled.SetRunningOrNotifyCancel().ShouldBeFalse();

            var none = new ConcurrentFuture();
            ConcurrentFuture? got = null;
            none.AddDoneCallback((ConcurrentFuture x) => got = x);
            none.SetResult(NoneType.None);
            got.ShouldBeSameAs(none);
            Repr(none).ShouldEndWith("returned NoneType>");
        });
        output.StderrLines[0].ShouldMatch("^exception calling callback for <Future at 0x[0-9a-f]+ state=finished returned int>$");
        output.StderrLines[^1].ShouldBe("ValueError: in callback");
    }

    [Fact]
    public void A_thread_blocked_in_Result_wakes_when_another_thread_completes_the_future()
    {
        // test_concurrent_futures/test_future.py test_result_with_success (a real thread sets the result)
        var f = new ConcurrentFuture<string>();
        var setter = new Thread(() =>
        {
            Thread.Sleep(10); // usually after Result() blocks; the test holds either way
            f.SetRunningOrNotifyCancel();
            f.SetResult("done");
        });
        setter.Start();
        f.Result(timeout: 60).ShouldBe("done");
        setter.Join();
    }
}
