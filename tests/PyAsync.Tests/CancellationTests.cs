using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Task cancellation: cancel, uncancel, cancelling, where CancelledError is delivered
/// (CPython: test_tasks.py, the cancel tests of BaseTaskTests; asyncio tasks.py, src/PyAsync/Tasks).
/// </summary>
public class CancellationTests
{
    [Fact]
    public void Cancel_raises_CancelledError_at_the_await_with_the_message()
    {
        // test_tasks.py: test_cancel_with_message_then_future_result / test_cancel_at_end.
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            async Coroutine Sleeper()
            {
                try
                {
                    await Sleep(10);
                    events.Add("not reached");
                }
                catch (CancelledError e)
                {
                    events.Add($"caught {Repr(e)} at {GetRunningLoop().Time()}");
                    throw;
                }
            }

            var task = CreateTask(Sleeper());
            await Sleep(1);
            task.Cancel("stop").ShouldBeTrue();
            task.Cancelled().ShouldBeFalse();
            var e = await CoroutineTests.Catch<CancelledError>(async () => await task);
            events.Add($"awaiter got {Repr(e)}");
            task.Cancelled().ShouldBeTrue();
        });
        events.ShouldBe(["caught CancelledError('stop') at 1", "awaiter got CancelledError('stop')"]);
    }

    [Fact]
    public void The_saved_CancelledError_is_raised_once_then_a_new_one_without_message()
    {
        // futures.py _make_cancelled_error: the task's _cancelled_exc is raised the first time.
        var reprs = new List<string>();
        PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(10));
            await Sleep(0);
            task.Cancel("bye");
            reprs.Add(Repr(await CoroutineTests.Catch<CancelledError>(async () => await task)));
            reprs.Add(Repr(await CoroutineTests.Catch<CancelledError>(async () => await task)));
            reprs.Add(Repr(Should.Throw<CancelledError>(() => task.Result())));
        });
        reprs.ShouldBe(["CancelledError('bye')", "CancelledError()", "CancelledError()"]);
    }

    [Fact]
    public void A_coroutine_that_catches_the_cancellation_and_returns_is_not_cancelled()
    {
        // test_tasks.py: test_cancel_yield / test_cancel_inner_future ... a task may refuse cancellation.
        var (result, _) = PyRun.Main(async () =>
        {
            async Coroutine<string> Stubborn()
            {
                try
                {
                    await Sleep(10);
                    return "slept";
                }
                catch (CancelledError)
                {
                    return "refused";
                }
            }

            var task = CreateTask(Stubborn());
            await Sleep(0);
            task.Cancel();
            var value = await task;
            task.Cancelled().ShouldBeFalse();
            task.Cancelling().ShouldBe(1);
            return value;
        });
        result.ShouldBe("refused");
    }

    [Fact]
    public void A_task_cancelled_before_its_first_step_never_runs_its_body()
    {
        // test_tasks.py: test_cancel_task_ignoring (before start) / Task.__step with must_cancel.
        bool ran = false;
        var output = PyRun.Main(async () =>
        {
            async Coroutine Body()
            {
                ran = true;
                await Sleep(0);
            }

            var task = CreateTask(Body());
            task.Cancel().ShouldBeTrue();
            await CoroutineTests.Catch<CancelledError>(async () => await task);
            task.Cancelled().ShouldBeTrue();
        });
        ran.ShouldBeFalse();
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_task_scheduled_after_Sleep_0_is_cancelled_at_that_Sleep()
    {
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            async Coroutine Yielder()
            {
                events.Add("before");
                try
                {
                    await Sleep(0);
                }
                catch (CancelledError)
                {
                    events.Add("cancelled at Sleep(0)");
                    throw;
                }
            }

            var task = CreateTask(Yielder());
            await Sleep(0);
            // The task is in the ready queue now (bare yield): no future to cancel, so must_cancel.
            task.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await task);
        });
        events.ShouldBe(["before", "cancelled at Sleep(0)"]);
    }

    [Fact]
    public void Cancelling_after_the_awaited_future_finished_but_before_the_wakeup_still_cancels()
    {
        // Task.cancel: fut_waiter.cancel() returns False when it is done, so must_cancel is set and
        // the coroutine gets CancelledError instead of the future's result.
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            var future = Future<int>();
            async Coroutine Waiter()
            {
                try
                {
                    events.Add($"got {await future}");
                }
                catch (CancelledError)
                {
                    events.Add("cancelled although the future had a result");
                    throw;
                }
            }

            var task = CreateTask(Waiter());
            await Sleep(0);
            future.SetResult(1);
            task.Cancel().ShouldBeTrue();
            await CoroutineTests.Catch<CancelledError>(async () => await task);
            future.Cancelled().ShouldBeFalse();
        });
        events.ShouldBe(["cancelled although the future had a result"]);
    }

    [Fact]
    public void Cancel_returns_false_on_a_done_task_and_counts_requests()
    {
        // test_tasks.py: test_cancelling / test_uncancel_basic.
        PyRun.Main(async () =>
        {
            var done = CreateTask(Sleep(0));
            await done;
            done.Cancel().ShouldBeFalse();

            var task = CreateTask(Sleep(10));
            await Sleep(0);
            task.Cancelling().ShouldBe(0);
            task.Cancel().ShouldBeTrue();
            task.Cancel().ShouldBeTrue();
            task.Cancelling().ShouldBe(2);
            task.Uncancel().ShouldBe(1);
            await CoroutineTests.Catch<CancelledError>(async () => await task);
            task.Cancelling().ShouldBe(1);
        });
    }

    [Fact]
    public void Uncancel_to_zero_withdraws_an_undelivered_cancellation()
    {
        // Python 3.13: uncancel() resets _must_cancel when the count reaches zero.
        var (result, _) = PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(0, "ran to the end"));
            task.Cancel();
            task.Uncancel().ShouldBe(0);
            return await task;
        });
        result.ShouldBe("ran to the end");
    }

    [Fact]
    public void Cancelling_a_task_that_awaits_another_task_cancels_the_inner_one()
    {
        // test_tasks.py: test_cancel_inner_future / test_task_cancel_waiter_future (fut_waiter is a task).
        PyRun.Main(async () =>
        {
            var inner = CreateTask(Sleep(10));
            var outer = CreateTask(AwaitIt(inner));
            await Sleep(1);
            outer.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await outer);
            inner.Cancelled().ShouldBeTrue();
            outer.Cancelled().ShouldBeTrue();
        });

        static async Coroutine AwaitIt(PyTask inner) => await inner;
    }

    [Fact]
    public void The_CancelledError_is_thrown_in_the_innermost_coroutine_and_unwinds_outward()
    {
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            async Coroutine Inner()
            {
                try { await Sleep(10); }
                finally { events.Add("inner finally"); }
            }

            async Coroutine Middle()
            {
                try { await Inner(); }
                finally { events.Add("middle finally"); }
            }

            var task = CreateTask(Middle());
            await Sleep(1);
            task.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await task);
        });
        events.ShouldBe(["inner finally", "middle finally"]);
    }

    [Fact]
    public void A_task_cancelled_right_before_its_coroutine_returns_ends_cancelled()
    {
        // tasks.py __step: "Task is cancelled right before coro stops."
        PyRun.Main(async () =>
        {
            PyTask? task = null;
            async Coroutine CancelsItself()
            {
                task!.Cancel("self");
            }

            task = CreateTask(CancelsItself());
            var e = await CoroutineTests.Catch<CancelledError>(async () => await task);
            task.Cancelled().ShouldBeTrue();
            e.Args.ShouldBe(new PyTuple("self"));
        });
    }

    [Fact]
    public void A_cancellation_requested_during_a_dotnet_await_is_raised_at_the_next_PyAsync_await()
    {
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Coroutine Worker()
            {
                await gate.Task;
                events.Add("dotnet await finished");
                try
                {
                    await Sleep(5);
                    events.Add("not reached");
                }
                catch (CancelledError)
                {
                    events.Add($"cancelled at the next await, t={GetRunningLoop().Time()}");
                    throw;
                }
            }

            var task = CreateTask(Worker());
            await Sleep(0);
            task.Cancel();
            gate.SetResult();
            await CoroutineTests.Catch<CancelledError>(async () => await task);
        });
        events.ShouldBe(["dotnet await finished", "cancelled at the next await, t=0"]);
    }

    [Fact]
    public void Cancelling_the_main_coroutine_makes_Run_raise_CancelledError()
    {
        PyRun.Raises<CancelledError>(async () =>
        {
            CurrentTask()!.Cancel();
            await Sleep(1);
        });
    }
}
