using PyAsync.Tests.Support;
using static PyAsync.Asyncio;
using static PyAsync.Tests.GatherTests;

namespace PyAsync.Tests;

/// <summary>asyncio.wait_for, 3.12+ behaviour (CPython: test_waitfor.py; src/PyAsync/Timeouts).</summary>
public class WaitForTests
{
    [Fact]
    public void The_result_comes_back_when_it_comes_in_time()
    {
        // test_waitfor.py AsyncioWaitForTest.test_wait_for (the in-time part)
        var (result, _) = PyRun.Main(async () => await WaitFor(Delay(1), 5));
        result.ShouldBe(1);
    }

    [Fact]
    public void A_timeout_cancels_the_inner_task_waits_for_it_and_raises_TimeoutError()
    {
        // test_waitfor.py AsyncioWaitForTest.test_wait_for_waits_for_task_cancellation
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            var inner = CreateTask(Stubborn());
            var e = await CoroutineTests.Catch<TimeoutError>(async () => await WaitFor(inner, 1));
            events.Add($"TimeoutError at {GetRunningLoop().Time()}");
            inner.Cancelled().ShouldBeTrue();
            e.InnerException.ShouldBeOfType<CancelledError>();

            async Coroutine Stubborn()
            {
                try
                {
                    await Sleep(10);
                }
                catch (CancelledError)
                {
                    events.Add($"inner cancelled at {GetRunningLoop().Time()}");
                    await Sleep(0.5); // cleanup that takes time: wait_for must wait for it
                    events.Add($"inner cleaned up at {GetRunningLoop().Time()}");
                    throw;
                }
            }
        });
        events.ShouldBe(["inner cancelled at 1", "inner cleaned up at 1.5", "TimeoutError at 1.5"]);
    }

    [Fact]
    public void A_coroutine_is_awaited_inline_in_the_calling_task_as_in_3_12()
    {
        // 3.12+ wait_for: `async with timeouts.timeout(timeout): return await fut`
        PyRun.Main(async () =>
        {
            var me = CurrentTask();
            (await WaitFor(WhoAmI(), 1)).ShouldBeSameAs(me);
        });

        static async Coroutine<IPyTask?> WhoAmI()
        {
            await Sleep(0);
            return CurrentTask();
        }
    }

    [Fact]
    public void A_null_timeout_waits_forever()
    {
        // test_waitfor.py AsyncioWaitForTest.test_none_timeout
        var (result, _) = PyRun.Main(async () => await WaitFor(Delay(1000), null));
        result.ShouldBe(1000);
    }

    [Fact]
    public void A_timeout_of_zero_on_an_unfinished_task_times_out_at_once()
    {
        // test_waitfor.py AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0
        PyRun.Main(async () =>
        {
            var task = CreateTask(Delay(5));
            await Sleep(0);
            await CoroutineTests.Catch<TimeoutError>(async () => await WaitFor(task, 0));
            task.Cancelled().ShouldBeTrue();
            GetRunningLoop().Time().ShouldBe(0);
            await CoroutineTests.Catch<TimeoutError>(async () => await WaitFor(CreateTask(Delay(5)), -1));
        });
    }

    [Fact]
    public void A_timeout_of_zero_never_starts_a_coroutine()
    {
        // test_waitfor.py AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started
        bool started = false;
        PyRun.Main(async () =>
        {
            await CoroutineTests.Catch<TimeoutError>(async () => await WaitFor(Body(), 0));
        });
        started.ShouldBeFalse();

        async Coroutine<int> Body()
        {
            started = true;
            await Sleep(1);
            return 1;
        }
    }

    [Fact]
    public void A_timeout_of_zero_on_a_finished_future_returns_its_result()
    {
        // test_waitfor.py AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done
        var (result, _) = PyRun.Main(async () =>
        {
            var future = Future<string>();
            future.SetResult("done");
            return await WaitFor(future, 0);
        });
        result.ShouldBe("done");
    }

    [Fact]
    public void Cancelling_the_caller_cancels_the_inner_awaitable()
    {
        // test_waitfor.py AsyncioWaitForTest.test_cancel_wait_for
        PyRun.Main(async () =>
        {
            var inner = CreateTask(Delay(10));
            var caller = CreateTask(WaitFor(inner, 5));
            await Sleep(1);
            caller.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await caller);
            inner.Cancelled().ShouldBeTrue();
        });
    }

    [Fact]
    public void An_inner_that_swallows_the_cancellation_returns_its_value_as_in_3_12()
    {
        // test_waitfor.py AsyncioWaitForTest.test_wait_for_cancel_suppressed
        var (result, _) = PyRun.Main(async () => await WaitFor(Swallows(), 1));
        result.ShouldBe("kept going");

        static async Coroutine<string> Swallows()
        {
            try
            {
                await Sleep(10);
                return "slept";
            }
            catch (CancelledError)
            {
                return "kept going";
            }
        }
    }

    [Fact]
    public void An_exception_raised_during_the_cancellation_is_reraised()
    {
        // test_waitfor.py AsyncioWaitForTest.test_wait_for_reraises_exception_during_cancellation
        PyRun.Main(async () =>
        {
            var e = await CoroutineTests.Catch<ValueError>(async () => await WaitFor(Raises(), 1));
            e.Message.ShouldBe("during cancellation");
        });

        static async Coroutine<int> Raises()
        {
            try { await Sleep(10); }
            catch (CancelledError) { throw new ValueError("during cancellation"); }
            return 0;
        }
    }

    [Fact]
    public void A_shielded_inner_survives_the_timeout()
    {
        // test_waitfor.py AsyncioWaitForTest.test_shielded_timeout
        PyRun.Main(async () =>
        {
            var inner = CreateTask(Delay(3));
            await CoroutineTests.Catch<TimeoutError>(async () => await WaitFor(Shield(inner), 1));
            inner.Cancelled().ShouldBeFalse();
            (await inner).ShouldBe(3);
            GetRunningLoop().Time().ShouldBe(3);
        });
    }

    [Fact]
    public void The_result_less_form_gives_None()
    {
        var output = PyRun.Main(async () => Print(await WaitFor(Sleep(1), 2)));
        output.Stdout.ShouldBe("None\n");
    }
}
