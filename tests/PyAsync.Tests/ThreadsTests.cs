using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.to_thread (CPython: test_threads.py, ToThreadTests; src/PyAsync/Threads).</summary>
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
}
