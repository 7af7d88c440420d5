using PyAsync.Tests.Support;
using static PyAsync.Asyncio;
using static PyAsync.Tests.GatherTests;

namespace PyAsync.Tests;

/// <summary>asyncio.wait_for (CPython: test_waitfor.py, 3.12+ behaviour).</summary>
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

/// <summary>asyncio.wait (CPython: test_tasks.py test_wait*).</summary>
public class WaitTests
{
    [Fact]
    public void All_completed_returns_every_future_done()
    {
        // test_tasks.py BaseTaskTests.test_wait
        PyRun.Main(async () =>
        {
            var a = CreateTask(Delay(1));
            var b = CreateTask(Delay(2));
            var (done, pending) = await Wait([a, b]);
            done.SetEquals([a, b]).ShouldBeTrue();
            pending.ShouldBeEmpty();
            GetRunningLoop().Time().ShouldBe(2);
        });
    }

    [Fact]
    public void First_completed_returns_as_soon_as_one_is_done()
    {
        // test_tasks.py BaseTaskTests.test_wait_first_completed
        PyRun.Main(async () =>
        {
            var a = CreateTask(Delay(10));
            var b = CreateTask(Delay(1));
            var (done, pending) = await Wait([a, b], returnWhen: FirstCompleted);
            done.ShouldBe([b]);
            pending.ShouldBe([a]);
            a.Cancelled().ShouldBeFalse();
            a.Cancel();
        });
    }

    [Fact]
    public void First_exception_returns_at_the_first_failure()
    {
        // test_tasks.py BaseTaskTests.test_wait_first_exception
        PyRun.Main(async () =>
        {
            var slow = CreateTask(Delay(10));
            var failing = CreateTask(Fail(1, "x"));
            var (done, pending) = await Wait(new Future[] { slow, failing }, returnWhen: FirstException);
            done.ShouldBe([failing]);
            pending.ShouldBe([slow]);
            slow.Cancel();
        });
    }

    [Fact]
    public void First_exception_without_a_failure_waits_for_all()
    {
        // test_tasks.py BaseTaskTests.test_wait_really_done
        PyRun.Main(async () =>
        {
            var a = CreateTask(Delay(1));
            var b = CreateTask(Delay(2));
            var (done, pending) = await Wait([a, b], returnWhen: FirstException);
            done.Count.ShouldBe(2);
            pending.ShouldBeEmpty();
        });
    }

    [Fact]
    public void A_timeout_returns_the_sets_without_cancelling_anything()
    {
        // test_tasks.py BaseTaskTests.test_wait_with_timeout
        PyRun.Main(async () =>
        {
            var a = CreateTask(Delay(1));
            var b = CreateTask(Delay(5));
            var (done, pending) = await Wait([a, b], timeout: 2);
            done.ShouldBe([a]);
            pending.ShouldBe([b]);
            GetRunningLoop().Time().ShouldBe(2);
            b.Cancelled().ShouldBeFalse();
            (await b).ShouldBe(5);
        });
    }

    [Fact]
    public void An_empty_collection_raises_ValueError()
    {
        // test_tasks.py BaseTaskTests.test_wait_errors
        PyRun.Main(async () =>
        {
            var e = await CoroutineTests.Catch<ValueError>(async () => await Wait(new List<PyTask<int>>()));
            e.Message.ShouldBe("Set of Tasks/Futures is empty.");
        });
    }

    [Fact]
    public void Bare_coroutines_are_rejected_as_in_3_11()
    {
        // test_tasks.py BaseTaskTests.test_wait_duplicate_coroutines (3.11+: TypeError)
        PyRun.Main(async () =>
        {
            var coro = Delay(1);
            var e = await CoroutineTests.Catch<TypeError>(async () => await Wait(new IAwaitable[] { coro }));
            e.Message.ShouldBe("Passing coroutines is forbidden, use tasks explicitly.");
            coro.Close();
        });
    }

    [Fact]
    public void Duplicates_count_once()
    {
        PyRun.Main(async () =>
        {
            var a = CreateTask(Delay(1));
            var (done, _) = await Wait([a, a]);
            done.Count.ShouldBe(1);
        });
    }

    [Fact]
    public void Waiting_on_finished_futures_still_takes_one_iteration()
    {
        // tasks.py _wait: callbacks are added even to done futures, so they run on the next iteration.
        var order = new List<string>();
        PyRun.Main(async () =>
        {
            var done = Future<int>();
            done.SetResult(1);
            GetRunningLoop().CallSoon(() => order.Add("call_soon"));
            await Wait([done]);
            order.Add("wait returned");
        });
        order.ShouldBe(["call_soon", "wait returned"]);
    }
}

/// <summary>asyncio.as_completed (CPython: test_tasks.py test_as_completed*, 3.13 iterator).</summary>
public class AsCompletedTests
{
    [Fact]
    public void Results_come_in_completion_order()
    {
        // test_tasks.py BaseTaskTests.test_as_completed
        var results = new List<int>();
        PyRun.Main(async () =>
        {
            foreach (var next in AsCompleted([Delay(3), Delay(1), Delay(2)]))
                results.Add(await next);
        });
        results.ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void Async_iteration_yields_the_original_tasks_as_in_3_13()
    {
        // test_tasks.py BaseTaskTests.test_as_completed_same_tasks_in_as_out
        var names = new List<string>();
        PyRun.Main(async () =>
        {
            var slow = CreateTask(Delay(2), name: "slow");
            var fast = CreateTask(Delay(1), name: "fast");
            var tasks = new List<PyTask<int>> { slow, fast };
            await foreach (var task in AsCompleted(tasks))
            {
                tasks.ShouldContain(task);
                names.Add($"{task.GetName()}={task.Result()}");
            }
        });
        names.ShouldBe(["fast=1", "slow=2"]);
    }

    [Fact]
    public void A_timeout_raises_from_the_first_await_after_the_deadline()
    {
        // test_tasks.py BaseTaskTests.test_as_completed_with_timeout
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            foreach (var next in AsCompleted([Delay(1), Delay(5)], timeout: 2))
            {
                try
                {
                    events.Add($"result {await next} at {GetRunningLoop().Time()}");
                }
                catch (TimeoutError)
                {
                    events.Add($"TimeoutError at {GetRunningLoop().Time()}");
                }
            }
        });
        events.ShouldBe(["result 1 at 1", "TimeoutError at 2"]);
    }

    [Fact]
    public void An_unused_timeout_changes_nothing()
    {
        // test_tasks.py BaseTaskTests.test_as_completed_with_unused_timeout
        var results = new List<int>();
        PyRun.Main(async () =>
        {
            foreach (var next in AsCompleted([Delay(1), Delay(2)], timeout: 10)) results.Add(await next);
            GetRunningLoop().Time().ShouldBe(2);
        });
        results.ShouldBe([1, 2]);
    }

    [Fact]
    public void Exceptions_are_raised_by_the_await_of_their_turn()
    {
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            foreach (var next in AsCompleted(new IAwaitable<int>[] { Delay(2), Fail(1, "first to finish") }))
            {
                try { events.Add($"result {await next}"); }
                catch (ValueError e) { events.Add($"error {e.Message}"); }
            }
        });
        events.ShouldBe(["error first to finish", "result 2"]);
    }

    [Fact]
    public void Duplicate_coroutines_run_once()
    {
        // test_tasks.py BaseTaskTests.test_as_completed_duplicate_coroutines
        var log = new List<string>();
        var results = new List<int>();
        PyRun.Main(async () =>
        {
            var coro = Delay(1, log);
            foreach (var next in AsCompleted([coro, coro])) results.Add(await next);
        });
        results.ShouldBe([1]);
        log.ShouldBe(["start 1", "end 1"]);
    }

    [Fact]
    public void Waiting_for_later_ones_first_still_gives_completion_order()
    {
        // test_tasks.py BaseTaskTests.test_as_completed_reverse_wait
        var results = new List<int>();
        PyRun.Main(async () =>
        {
            var coroutines = AsCompleted([Delay(2), Delay(1)]).ToList();
            results.Add(await coroutines[1]);
            results.Add(await coroutines[0]);
        });
        results.ShouldBe([1, 2]);
    }
}
