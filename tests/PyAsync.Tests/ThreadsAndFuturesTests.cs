using PyAsync.Tests.Support;
using static PyAsync.Asyncio;
using static PyAsync.Tests.GatherTests;

namespace PyAsync.Tests;

/// <summary>asyncio.to_thread, asyncio.ensure_future and ExceptionGroup.</summary>
public class ThreadsAndFuturesTests
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
    public void EnsureFuture_wraps_coroutines_and_returns_futures_as_they_are()
    {
        // test_tasks.py test_ensure_future_coroutine / test_ensure_future_future / test_ensure_future_task
        PyRun.Main(async () =>
        {
            var task = EnsureFuture(Delay(1));
            _ = task.ShouldBeOfType<PyTask<int>>();
            (await task).ShouldBe(1);
            var future = Future<int>();
            EnsureFuture(future).ShouldBeSameAs(future);
            var other = new EventLoop(new VirtualClock());
            Should.Throw<ValueError>(() => EnsureFuture(future, other));
            other.Close();
            // Sleep returns a result-less coroutine: its task is a PyTask (a PyTask<NoneType>).
            _ = EnsureFuture((IAwaitable)Sleep(0)).ShouldBeAssignableTo<PyTask<NoneType>>();
            await Sleep(0);
        });
    }

    [Fact]
    public void ExceptionGroup_mirrors_Pythons()
    {
        var eg = new ExceptionGroup("many", [new ValueError("a"), new ExceptionGroup("inner", [new TypeError("b"), new ValueError("c")])]);
        Str(eg).ShouldBe("many (2 sub-exceptions)");
        Repr(eg).ShouldBe("ExceptionGroup('many', [ValueError('a'), ExceptionGroup('inner', [TypeError('b'), ValueError('c')])])");
        var values = eg.Subgroup(e => e is ValueError)!;
        Repr(values).ShouldBe("ExceptionGroup('many', [ValueError('a'), ExceptionGroup('inner', [ValueError('c')])])");
        var (match, rest) = eg.Split(e => e is TypeError);
        Repr(match).ShouldBe("ExceptionGroup('many', [ExceptionGroup('inner', [TypeError('b')])])");
        Repr(rest).ShouldBe("ExceptionGroup('many', [ValueError('a'), ExceptionGroup('inner', [ValueError('c')])])");
        eg.Subgroup(e => e is TimeoutError).ShouldBeNull();
        Should.Throw<ValueError>(() => new ExceptionGroup("empty", []));
    }
}
