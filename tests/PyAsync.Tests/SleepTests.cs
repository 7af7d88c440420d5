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
}
