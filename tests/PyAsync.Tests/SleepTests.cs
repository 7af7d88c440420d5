using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.sleep (CPython: test_tasks.py test_sleep*; src/PyAsync/Tasks).</summary>
public class SleepTests
{
    [Fact]
    public void Sleep_completes_after_the_delay_and_returns_the_result()
    {
        // test_tasks.py: test_sleep / test_sleep_result
        var (result, _) = PyRun.Main(async () =>
        {
            await Sleep(1.5);
            GetRunningLoop().Time().ShouldBe(1.5);
            return await Sleep(2, "yeah");
        });
        result.ShouldBe("yeah");
    }

    [Fact]
    public void Sleep_0_yields_for_exactly_one_iteration()
    {
        // tasks.py __sleep0: a bare yield; the task is rescheduled with call_soon.
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            async Coroutine Ping(string name)
            {
                for (int i = 1; i <= 3; i++)
                {
                    events.Add($"{name}{i}");
                    await Sleep(0);
                }
            }

            var a = CreateTask(Ping("A"));
            var b = CreateTask(Ping("B"));
            await a;
            await b;
        });
        events.ShouldBe(["A1", "B1", "A2", "B2", "A3", "B3"]);
    }

    [Fact]
    public void A_negative_delay_counts_as_zero()
    {
        var (time, _) = PyRun.Main(async () =>
        {
            await Sleep(-5);
            return GetRunningLoop().Time();
        });
        time.ShouldBe(0);
    }

    [Fact]
    public void A_NaN_delay_is_rejected_as_in_Python_3_13()
    {
        Should.Throw<ValueError>(() => Sleep(double.NaN)).Message.ShouldBe("Invalid delay: NaN (not a number)");
    }

    [Fact]
    public void Cancelling_a_sleep_cancels_its_timer()
    {
        // tasks.py sleep: `finally: h.cancel()` — the timer never fires after the cancellation.
        var fired = new List<double>();
        PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(5));
            await Sleep(1);
            task.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await task);
            GetRunningLoop().CallLater(10, () => fired.Add(GetRunningLoop().Time()));
            await Sleep(20);
        });
        fired.ShouldBe([11]);
    }

    [Fact]
    public void A_Sleep_never_awaited_is_reported_as_coroutine_sleep()
    {
        var output = PyRun.Main(async () =>
        {
            _ = Sleep(1);
            await Sleep(0);
        });
        output.Stderr.ShouldBe("RuntimeWarning: coroutine 'sleep' was never awaited\n");
    }

    [Fact]
    public void A_Sleep_can_be_handed_to_CreateTask()
    {
        var (result, _) = PyRun.Main(async () => await CreateTask(Sleep(1, "x")));
        result.ShouldBe("x");
    }

    [Theory]
    [InlineData(3e7)]
    [InlineData(1e9)]
    [InlineData(1e300)]
    [InlineData(double.MaxValue)]
    public void A_very_long_finite_sleep_ends_at_once_on_the_virtual_clock(double delay)
    {
        // Issue 11: the due-time check added a fixed 1e-9 s, which vanishes at large times, and the loop
        // spun. CPython's real-time loop just sleeps; on the virtual clock any finite sleep completes.
        var (result, _) = PyRun.Main(async () =>
        {
            await Sleep(delay);
            return (GetRunningLoop().Time(), GetRunningLoop().Iterations);
        });
        result.Item1.ShouldBe(delay);
        result.Item2.ShouldBeLessThan(10);
    }

    [Fact]
    public void An_infinite_sleep_waits_without_spinning_and_without_jumping_the_virtual_clock()
    {
        // Issue 11: sleep(inf) never ends in CPython; on the virtual clock the loop must wait (for another
        // thread, here one that cancels the sleeper) rather than jump to infinity or spin.
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var sleeper = CreateTask(Sleep(double.PositiveInfinity));
            await Sleep(0);
            var canceller = new Thread(() =>
            {
                Thread.Sleep(100);
                loop.CallSoonThreadsafe(() => sleeper.Cancel());
            });
            canceller.Start();
            var cancelled = false;
            try
            {
                await sleeper;
            }
            catch (CancelledError)
            {
                cancelled = true;
            }
            canceller.Join();
            return (cancelled, loop.Time(), loop.Iterations);
        });
        result.Item1.ShouldBeTrue();
        result.Item2.ShouldBe(0.0);
        result.Item3.ShouldBeLessThan(20);
    }
}
