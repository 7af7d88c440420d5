using Nito.AsyncEx;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// PyAsync next to Nito.AsyncEx 5.1.2, no CPython counterpart: PyAsync's Run inside AsyncContext.Run, AsyncContext
/// waiting on a task of a loop on another thread, and Nito's AsyncLock, AsyncManualResetEvent and AsyncSemaphore
/// awaited by coroutines (src/PyAsync/Runners, Futures/AsTaskBridge.cs, CompilerServices/Suspension.cs,
/// Events/OutsideWork.cs). README: "Coming from Nito.AsyncEx".
/// </summary>
public class AsyncExInteropTests
{
    // ---------------------------------------------------------------- AsyncContext

    private static async Coroutine<int> SleepAndAdd(int a, int b)
    {
        await Sleep(1);
        Print("slept", GetRunningLoop().Time());
        return a + b;
    }

    [Fact]
    public void Run_inside_AsyncContext_Run_runs_a_loop_of_its_own_and_gives_the_context_back()
    {
        // AsyncContext is a SynchronizationContext, not a PyAsync loop: Run does not refuse it. The loop is the
        // thread's context while it runs and puts AsyncContext's back when it returns.
        var output = PyRun.Program(() =>
        {
            AsyncContext.Run(() =>
            {
                var outer = SynchronizationContext.Current;
                var result = Run(SleepAndAdd(1, 2));
                Print("sync", result, SynchronizationContext.Current == outer, outer is not null);
            });
            var fromAsync = AsyncContext.Run(async () =>
            {
                await Task.Yield();
                var outer = SynchronizationContext.Current;
                var result = Run(SleepAndAdd(2, 3));
                await Task.Yield(); // AsyncContext goes on after the loop is done
                return (result, SynchronizationContext.Current == outer);
            });
            Print("async", fromAsync.result, fromAsync.Item2);
        });
        // One program, one virtual clock: the second loop starts where the first left it, as time.monotonic() would.
        output.Stdout.ShouldBe("slept 1.0\nsync 3 True True\nslept 2.0\nasync 5 True\n");
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_coroutine_run_inside_AsyncContext_awaits_dotnet_tasks_on_the_loop_not_on_AsyncContext()
    {
        int asyncContextThread = 0, resumedOn = -1;
        PyRun.Program(() => AsyncContext.Run(() =>
        {
            asyncContextThread = Environment.CurrentManagedThreadId;
            Run(Main());
        }));
        resumedOn.ShouldBe(asyncContextThread, "the loop runs on the thread that called Run, AsyncContext's");

        async Coroutine Main()
        {
            SynchronizationContext.Current!.GetType().Namespace.ShouldBe("PyAsync");
            await Task.Run(() => { });
            resumedOn = Environment.CurrentManagedThreadId;
        }
    }

    [Fact]
    public void Run_inside_a_running_loop_still_raises_RuntimeError_even_under_AsyncContext()
    {
        var output = PyRun.Program(() => AsyncContext.Run(() => Run(Main())));
        output.Stdout.ShouldBe("asyncio.run() cannot be called from a running event loop\n");

        static async Coroutine Main()
        {
            var inner = SleepAndAdd(1, 1);
            try
            {
                Run(inner);
            }
            catch (RuntimeError e)
            {
                Print(e.Message);
            }
            inner.Close();
        }
    }

    [Fact]
    public void AsyncContext_Run_awaits_a_task_of_a_loop_running_on_another_thread()
    {
        EventLoop? loop = null;
        Future<int>? gate = null;
        Future<bool>? stop = null;
        PyTask<int>? task = null;
        using var ready = new ManualResetEventSlim();
        var loopThread = new Thread(() => Run(LoopMain(), clock: new VirtualClock()));
        loopThread.Start();
        ready.Wait(PyRun.Watchdog).ShouldBeTrue();

        // The literal form: AsyncContext.Run(() => pyTask.AsTask()).
        int continuationThread = -1;
        var result = AsyncContext.Run(async () =>
        {
            var wait = task!.AsTask();
            loop!.CallSoonThreadsafe(() => gate!.SetResult(41));
            var value = await wait;
            continuationThread = Environment.CurrentManagedThreadId;
            return value;
        });
        result.ShouldBe(42);
        continuationThread.ShouldBe(Environment.CurrentManagedThreadId, "AsyncContext resumes on its own thread");
        AsyncContext.Run(() => task!.AsTask()).ShouldBe(42);

        // A coroutine sent to that loop: RunCoroutineThreadsafe's concurrent future, awaited under AsyncContext.
        AsyncContext.Run(() => RunCoroutineThreadsafe(SleepAndAddQuietly(20, 22), loop!).AsTask()).ShouldBe(42);

        loop!.CallSoonThreadsafe(() => stop!.SetResult(true));
        loopThread.Join(PyRun.Watchdog).ShouldBeTrue();

        async Coroutine LoopMain()
        {
            loop = GetRunningLoop();
            gate = loop.CreateFuture<int>();
            stop = loop.CreateFuture<bool>();
            task = CreateTask(AddOne(gate));
            ready.Set();
            await stop;
        }

        static async Coroutine<int> AddOne(Future<int> gate) => await gate + 1;

        static async Coroutine<int> SleepAndAddQuietly(int a, int b)
        {
            await Sleep(5);
            return a + b;
        }
    }

    // ---------------------------------------------------------------- coordination primitives

    [Fact]
    public void A_Nito_AsyncLock_contended_by_PyAsync_tasks_hands_over_in_FIFO_order()
    {
        var output = PyRun.Main(async () =>
        {
            var lk = new AsyncLock();
            var tasks = new[] { "A", "B", "C" }.Select(n => CreateTask(Worker(lk, n), name: n)).ToList();
            foreach (var t in tasks) await t;
        });
        output.Stdout.ShouldBe(
            "A waits\nA holds\nB waits\nC waits\nA releases\nB holds\nB releases\nC holds\nC releases\n");
        output.Stderr.ShouldBe("");

        static async Coroutine Worker(AsyncLock lk, string name)
        {
            Print(name, "waits");
            using (await lk.LockAsync())
            {
                Print(name, "holds");
                await Sleep(0);
                await Sleep(0);
                Print(name, "releases");
            }
        }
    }

    [Fact]
    public void A_Nito_AsyncManualResetEvent_wakes_every_waiting_task_in_the_order_they_waited()
    {
        var output = PyRun.Main(async () =>
        {
            var ev = new AsyncManualResetEvent();
            var tasks = new[] { "A", "B", "C" }.Select(n => CreateTask(Waiter(ev, n))).ToList();
            await Sleep(0);
            Print("set");
            ev.Set();
            foreach (var t in tasks) await t;
            await ev.WaitAsync(); // set: completes at once
            Print("done");
        });
        output.Stdout.ShouldBe("A waits\nB waits\nC waits\nset\nA woke\nB woke\nC woke\ndone\n");

        static async Coroutine Waiter(AsyncManualResetEvent ev, string name)
        {
            Print(name, "waits");
            await ev.WaitAsync();
            Print(name, "woke");
        }
    }

    [Fact]
    public void A_Nito_AsyncSemaphore_lets_two_tasks_in_and_queues_the_others()
    {
        var output = PyRun.Main(async () =>
        {
            var sem = new AsyncSemaphore(2);
            var tasks = new[] { "A", "B", "C", "D" }.Select(n => CreateTask(Worker(sem, n))).ToList();
            foreach (var t in tasks) await t;
            Print("count", sem.CurrentCount);
        });
        output.Stdout.ShouldBe(
            "A in\nB in\nA out\nB out\nC in\nD in\nC out\nD out\ncount 2\n");

        static async Coroutine Worker(AsyncSemaphore sem, string name)
        {
            await sem.WaitAsync();
            try
            {
                Print(name, "in");
                await Sleep(0);
                Print(name, "out");
            }
            finally
            {
                sem.Release();
            }
        }
    }

    // ---------------------------------------------------------------- cancellation through the task's token

    /// <summary>
    /// A task waiting on a Nito primitive with its own token, then cancelled with a message: the coroutine
    /// gets the task's CancelledError, with that message, at that await (CompilerServices/ForeignAwaitCancellation.cs;
    /// ForeignCancellationTests has the BCL's cases).
    /// </summary>
    private static Output CancelWhileWaiting(Func<CancellationToken, Task> wait) => PyRun.Main(async () =>
    {
        var waiter = CreateTask(Waiter());
        await Sleep(0);
        await Sleep(0);
        waiter.Cancel("stop");
        try
        {
            await waiter;
        }
        catch (CancelledError e)
        {
            Print("task cancelled:", e.Message, waiter.Cancelled());
        }

        async Coroutine Waiter()
        {
            try
            {
                Print("waiting");
                await wait(CurrentTask()!.CancellationToken);
                Print("not reached");
            }
            catch (CancelledError e)
            {
                Print("CancelledError at the await:", e.Message, GetRunningLoop().Time());
                throw;
            }
        }
    });

    private const string CancelledAtTheAwait = "waiting\nCancelledError at the await: stop 0.0\ntask cancelled: stop True\n";

    [Fact]
    public void Cancelling_a_task_waiting_on_a_Nito_AsyncLock_with_its_token_raises_CancelledError_at_the_await()
    {
        var lk = new AsyncLock();
        var held = lk.Lock(); // held by nobody on the loop: the waiter can only be cancelled
        var output = CancelWhileWaiting(async token => { using (await lk.LockAsync(token)) { } });
        held.Dispose();
        output.Stdout.ShouldBe(CancelledAtTheAwait);
    }

    [Fact]
    public void Cancelling_a_task_waiting_on_a_Nito_AsyncManualResetEvent_with_its_token_raises_CancelledError_at_the_await()
    {
        var ev = new AsyncManualResetEvent();
        CancelWhileWaiting(token => ev.WaitAsync(token)).Stdout.ShouldBe(CancelledAtTheAwait);
    }

    [Fact]
    public void Cancelling_a_task_waiting_on_a_Nito_AsyncSemaphore_with_its_token_raises_CancelledError_at_the_await()
    {
        var sem = new AsyncSemaphore(0);
        CancelWhileWaiting(token => sem.WaitAsync(token)).Stdout.ShouldBe(CancelledAtTheAwait);
    }

    // ---------------------------------------------------------------- the virtual clock

    [Fact]
    public void A_Nito_AsyncLock_held_across_a_sleep_keeps_virtual_times_but_costs_the_grace_period()
    {
        // What the virtual clock can and cannot see (README, "Coming from Nito.AsyncEx"): B waits on a .NET task
        // that only A's release on the loop will complete, but nothing tells the loop so; it waits for real time
        // (the 1 s grace) before it jumps to A's timer. The times stay right; PyAsync's own Lock() costs nothing.
        var output = PyRun.Main(async () =>
        {
            var lk = new AsyncLock();
            var a = CreateTask(Worker(lk, "A"));
            var b = CreateTask(Worker(lk, "B"));
            await a;
            await b;
        });
        output.Stdout.ShouldBe("A holds 0.0\nA releases 1.0\nB holds 1.0\nB releases 2.0\n");
        output.Stderr.ShouldBe("VirtualClock: .NET awaits pending for 1 s of real time while timers wait; advancing the virtual clock\n");

        static async Coroutine Worker(AsyncLock lk, string name)
        {
            using (await lk.LockAsync())
            {
                Print(name, "holds", GetRunningLoop().Time());
                await Sleep(1);
                Print(name, "releases", GetRunningLoop().Time());
            }
        }
    }
}
