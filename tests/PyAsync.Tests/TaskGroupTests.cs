using PyAsync.Tests.Support;
using static PyAsync.Asyncio;
using static PyAsync.Tests.GatherTests;

namespace PyAsync.Tests;

/// <summary>asyncio.TaskGroup (CPython: test_taskgroups.py, TestTaskGroup).</summary>
public class TaskGroupTests
{
    private static async Coroutine Divide(double after)
    {
        await Sleep(after);
        throw new DivideByZeroException();
    }

    [Fact]
    public void Every_child_is_awaited_at_the_end_of_the_block()
    {
        // test_taskgroups.py test_taskgroup_01
        PyRun.Main(async () =>
        {
            PyTask<int> t1, t2;
            await using (var g = TaskGroup())
            {
                t1 = g.CreateTask(Delay(0.1));
                t2 = g.CreateTask(Delay(0.2));
            }
            t1.Result().ShouldBe(0);
            t2.Done().ShouldBeTrue();
            GetRunningLoop().Time().ShouldBe(0.2);
        });
    }

    [Fact]
    public void Children_can_be_added_while_the_body_runs()
    {
        // test_taskgroups.py test_taskgroup_02
        PyRun.Main(async () =>
        {
            PyTask<int> t1, t2;
            await using (var g = TaskGroup())
            {
                t1 = g.CreateTask(Delay(1));
                await Sleep(1.5);
                t2 = g.CreateTask(Delay(2));
            }
            (t1.Result(), t2.Result()).ShouldBe((1, 2));
            GetRunningLoop().Time().ShouldBe(3.5);
        });
    }

    [Fact]
    public void A_child_cancelled_explicitly_does_not_disturb_the_group()
    {
        // test_taskgroups.py test_taskgroup_03
        PyRun.Main(async () =>
        {
            PyTask<int> t1, t2;
            await using (var g = TaskGroup())
            {
                t1 = g.CreateTask(Delay(10));
                await Sleep(0.15);
                t1.Cancel();
                t2 = g.CreateTask(Delay(1));
            }
            t1.Cancelled().ShouldBeTrue();
            t2.Result().ShouldBe(1);
        });
    }

    [Fact]
    public void A_failing_child_cancels_its_siblings_and_the_body_and_raises_an_ExceptionGroup()
    {
        // test_taskgroups.py test_cancel_children_on_child_error
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            var eg = await CoroutineTests.Catch<ExceptionGroup>(async () => await CreateTask(Runner()));
            eg.Exceptions.Select(e => e.GetType()).Distinct().ShouldBe([typeof(DivideByZeroException)]);
            eg.Exceptions.Count.ShouldBe(3);
            Str(eg).ShouldBe("unhandled errors in a TaskGroup (3 sub-exceptions)");
        });
        events.ShouldBe(["sibling cancelled", "body cancelled"]);

        async Coroutine Runner()
        {
            await using (var g = TaskGroup())
            {
                _ = g.CreateTask(Divide(0.1));
                _ = g.CreateTask(Divide(0.1));
                _ = g.CreateTask(Divide(0.1));
                _ = g.CreateTask(Sibling());
                try
                {
                    await Sleep(10);
                }
                catch (CancelledError)
                {
                    events.Add("body cancelled");
                    throw;
                }
            }
            events.Add("not reached");
        }

        async Coroutine Sibling()
        {
            try { await Sleep(5); }
            catch (CancelledError) { events.Add("sibling cancelled"); throw; }
        }
    }

    [Fact]
    public void Cancelling_the_task_running_the_group_cancels_every_child()
    {
        // test_taskgroups.py test_cancellation
        int cancelled = 0;
        PyRun.Main(async () =>
        {
            var runner = CreateTask(Runner());
            await Sleep(0.1);
            runner.Done().ShouldBeFalse();
            runner.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await runner);
        });
        cancelled.ShouldBe(5);

        async Coroutine Runner()
        {
            await using var g = TaskGroup();
            for (int i = 0; i < 5; i++) _ = g.CreateTask(Child());
        }

        async Coroutine Child()
        {
            try { await Sleep(5); }
            catch (CancelledError) { cancelled++; throw; }
        }
    }

    [Fact]
    public void Errors_raised_while_children_are_cancelled_are_collected()
    {
        // test_taskgroups.py test_taskgroup_08
        PyRun.Main(async () =>
        {
            var runner = CreateTask(Runner());
            await Sleep(0.1);
            runner.Cancel();
            var eg = await CoroutineTests.Catch<ExceptionGroup>(async () => await runner);
            eg.Exceptions.Count.ShouldBe(5);
            eg.Exceptions.ShouldAllBe(e => e is DivideByZeroException);
        });

        static async Coroutine Runner()
        {
            await using var g = TaskGroup();
            for (int i = 0; i < 5; i++) _ = g.CreateTask(Foo());
            await Sleep(10);
        }

        static async Coroutine Foo()
        {
            try { await Sleep(10); }
            finally { throw new DivideByZeroException(); }
        }
    }

    [Fact]
    public void The_lambda_form_adds_the_bodys_exception_to_the_group()
    {
        // test_taskgroups.py test_taskgroup_12 (the body raises: children are cancelled, errors combined)
        bool childCancelled = false;
        PyRun.Main(async () =>
        {
            var eg = await CoroutineTests.Catch<ExceptionGroup>(async () => await TaskGroup(async g =>
            {
                _ = g.CreateTask(Child());
                await Sleep(0.1);
                throw new ValueError("body");
            }));
            eg.Exceptions.Single().ShouldBeOfType<ValueError>().Message.ShouldBe("body");
        });
        childCancelled.ShouldBeTrue();

        async Coroutine Child()
        {
            try { await Sleep(10); }
            catch (CancelledError) { childCancelled = true; throw; }
        }
    }

    [Fact]
    public void The_lambda_form_returns_the_bodys_value()
    {
        var (result, _) = PyRun.Main(async () => await TaskGroup(async g =>
        {
            var a = g.CreateTask(Delay(1));
            var b = g.CreateTask(Delay(2));
            await Sleep(0);
            return $"{a.Done()} {b.Done()}";
        }));
        result.ShouldBe("False False");
    }

    [Fact]
    public void CreateTask_on_a_finished_group_raises_RuntimeError()
    {
        // test_taskgroups.py test_taskgroup_finished / test_taskgroup_not_entered
        PyRun.Main(async () =>
        {
            var g = TaskGroup();
            _ = g.CreateTask(Delay(0.1));
            await g.DisposeAsync();
            var coro = Delay(1);
            Should.Throw<RuntimeError>(() => g.CreateTask(coro)).Message.ShouldBe("TaskGroup <TaskGroup entered> is finished");
            var fresh = new TaskGroup();
            Should.Throw<RuntimeError>(() => fresh.CreateTask(Delay(1))).Message.ShouldBe("TaskGroup <TaskGroup> has not been entered");
        });
    }

    [Fact]
    public void CreateTask_after_a_failure_raises_RuntimeError()
    {
        // test_taskgroups.py test_taskgroup_no_create_task_after_failure
        PyRun.Main(async () =>
        {
            await CoroutineTests.Catch<ExceptionGroup>(async () => await TaskGroup(async g =>
            {
                _ = g.CreateTask(Divide(0));
                try
                {
                    await Sleep(1);
                }
                catch (CancelledError)
                {
                    Should.Throw<RuntimeError>(() => g.CreateTask(Delay(1))).Message.ShouldEndWith("is shutting down");
                    throw;
                }
            }));
        });
    }

    [Fact]
    public void Entering_twice_or_without_a_task_raises_RuntimeError()
    {
        // test_taskgroups.py test_taskgroup_double_enter / test_taskgroup_without_parent_task
        PyRun.Main(async () =>
        {
            var g = new TaskGroup();
            await using (g.Enter())
            {
                Should.Throw<RuntimeError>(() => g.Enter()).Message.ShouldStartWith("TaskGroup <TaskGroup entered> has already been entered");
            }
            RuntimeError? outside = null;
            GetRunningLoop().CallSoon(() => outside = Should.Throw<RuntimeError>(() => new TaskGroup().Enter()));
            await Sleep(0);
            outside!.Message.ShouldBe("TaskGroup <TaskGroup> cannot determine the parent task");
        });
    }

    [Fact]
    public void Nested_groups_propagate_failures_outward()
    {
        // test_taskgroups.py test_taskgroup_16
        PyRun.Main(async () =>
        {
            var eg = await CoroutineTests.Catch<ExceptionGroup>(async () => await TaskGroup(async outer =>
            {
                _ = outer.CreateTask(Delay(10));
                await TaskGroup(async inner =>
                {
                    _ = inner.CreateTask(Divide(0.1));
                    await Sleep(10);
                });
            }));
            var nested = eg.Exceptions.Single().ShouldBeOfType<ExceptionGroup>();
            nested.Exceptions.Single().ShouldBeOfType<DivideByZeroException>();
        });
    }

    [Fact]
    public void The_parents_cancel_count_is_restored_after_a_failure()
    {
        // test_taskgroups.py test_cancelling_level_preserved
        PyRun.Main(async () =>
        {
            await CoroutineTests.Catch<ExceptionGroup>(async () => await TaskGroup(async g =>
            {
                _ = g.CreateTask(Divide(0.1));
                await Sleep(10);
            }));
            CurrentTask()!.Cancelling().ShouldBe(0);
        });
    }

    [Fact]
    public void Task_names_and_contexts_are_passed_on()
    {
        // test_taskgroups.py test_taskgroup_task_name / test_taskgroup_task_context
        var local = new AsyncLocal<int>();
        PyRun.Main(async () =>
        {
            local.Value = 1;
            var context = ExecutionContext.Capture();
            local.Value = 2;
            await using var g = TaskGroup();
            var named = g.CreateTask(Delay(0), name: "named");
            named.GetName().ShouldBe("named");
            var seen = g.CreateTask(Read(), context: context);
            await Sleep(0);
            seen.Result().ShouldBe(1);
        });

        async Coroutine<int> Read() => local.Value;
    }

    [Fact]
    public void A_group_prints_as_CPython_prints_it()
    {
        PyRun.Main(async () =>
        {
            var g = new TaskGroup();
            Str(g).ShouldBe("<TaskGroup>");
            await using (g.Enter())
            {
                _ = g.CreateTask(Delay(1));
                Str(g).ShouldBe("<TaskGroup tasks=1 entered>");
            }
        });
    }
}

/// <summary>asyncio.timeout / timeout_at (CPython: test_timeouts.py, TimeoutTests).</summary>
public class TimeoutTests
{
    [Fact]
    public void An_expiring_block_ends_with_TimeoutError()
    {
        // test_timeouts.py test_timeout_basic
        PyRun.Main(async () =>
        {
            PyTimeout? cm = null;
            await CoroutineTests.Catch<TimeoutError>(async () =>
            {
                await using (cm = Timeout(0.1))
                {
                    await Sleep(10);
                }
            });
            cm!.Expired().ShouldBeTrue();
            GetRunningLoop().Time().ShouldBe(0.1);
        });
    }

    [Fact]
    public void TimeoutAt_uses_the_loops_clock()
    {
        // test_timeouts.py test_timeout_at_basic
        PyRun.Main(async () =>
        {
            var deadline = GetRunningLoop().Time() + 0.1;
            PyTimeout? cm = null;
            await CoroutineTests.Catch<TimeoutError>(async () =>
            {
                await using (cm = TimeoutAt(deadline))
                {
                    await Sleep(10);
                }
            });
            cm!.Expired().ShouldBeTrue();
            cm.When().ShouldBe(deadline);
        });
    }

    [Fact]
    public void A_block_that_finishes_in_time_is_not_expired()
    {
        // test_timeouts.py test_timeout_not_called
        PyRun.Main(async () =>
        {
            await using (var cm = Timeout(10))
            {
                await Sleep(1);
                cm.Expired().ShouldBeFalse();
            }
            GetRunningLoop().Time().ShouldBe(1);
        });
    }

    [Fact]
    public void A_null_deadline_never_expires()
    {
        // test_timeouts.py test_timeout_disabled / test_timeout_at_disabled
        PyRun.Main(async () =>
        {
            await using (var cm = Timeout(null))
            {
                await Sleep(100);
                cm.When().ShouldBeNull();
                cm.Expired().ShouldBeFalse();
            }
        });
    }

    [Fact]
    public void A_zero_timeout_expires_at_the_first_await()
    {
        // test_timeouts.py test_timeout_zero / test_timeout_in_the_past_sleep_zero
        PyRun.Main(async () =>
        {
            await CoroutineTests.Catch<TimeoutError>(async () =>
            {
                await using (Timeout(0))
                {
                    await Sleep(10);
                }
            });
            GetRunningLoop().Time().ShouldBe(0);
        });
    }

    [Fact]
    public void Nested_timeouts_the_inner_one_that_fires_wins()
    {
        // test_timeouts.py test_nested_timeouts (inner fires first)
        PyRun.Main(async () =>
        {
            PyTimeout? outer = null, inner = null;
            await using (outer = Timeout(10))
            {
                await CoroutineTests.Catch<TimeoutError>(async () =>
                {
                    await using (inner = Timeout(0.1))
                    {
                        await Sleep(5);
                    }
                });
                inner!.Expired().ShouldBeTrue();
            }
            outer.Expired().ShouldBeFalse();
        });
    }

    [Fact]
    public void An_outer_timeout_that_fires_is_not_swallowed_by_an_inner_block()
    {
        // test_timeouts.py test_nested_timeouts_concurrent
        PyRun.Main(async () =>
        {
            PyTimeout? outer = null, inner = null;
            await CoroutineTests.Catch<TimeoutError>(async () =>
            {
                await using (outer = Timeout(0.1))
                {
                    await Timeout(10, async cm =>
                    {
                        inner = cm;
                        await Sleep(5);
                    });
                }
            });
            outer!.Expired().ShouldBeTrue();
            inner!.Expired().ShouldBeFalse();
            GetRunningLoop().Time().ShouldBe(0.1);
        });
    }

    [Fact]
    public void A_cancellation_from_outside_is_not_turned_into_TimeoutError()
    {
        // test_timeouts.py test_foreign_cancel_doesnt_timeout_if_not_expired
        PyRun.Main(async () =>
        {
            var task = CreateTask(Body());
            await Sleep(1);
            task.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await task);
            task.Cancelled().ShouldBeTrue();
        });

        static async Coroutine Body()
        {
            await using (Timeout(10))
            {
                await Sleep(5);
            }
        }
    }

    [Fact]
    public void The_task_is_not_left_cancelled_after_a_timeout()
    {
        // test_timeouts.py test_outer_task_is_not_cancelled
        PyRun.Main(async () =>
        {
            await CoroutineTests.Catch<TimeoutError>(async () => await Timeout(0.1, async _ => await Sleep(10)));
            CurrentTask()!.Cancelling().ShouldBe(0);
            await Sleep(1);
        });
    }

    [Fact]
    public void Reschedule_moves_the_deadline()
    {
        // test_timeouts.py test_reschedule
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            await using (var cm = Timeout(1))
            {
                cm.Reschedule(loop.Time() + 5);
                await Sleep(3);
                cm.When().ShouldBe(5);
                cm.Reschedule(null);
                await Sleep(10);
            }
            loop.Time().ShouldBe(13);
        });
    }

    [Fact]
    public void The_exact_form_lets_a_foreign_exception_through()
    {
        // test_timeouts.py test_foreign_exception_passed / test_foreign_exception_on_timeout
        PyRun.Main(async () =>
        {
            var e = await CoroutineTests.Catch<KeyNotFoundException>(async () => await Timeout(10, async _ =>
            {
                await Sleep(0);
                throw new KeyNotFoundException("k");
            }));
            e.Message.ShouldBe("k");
            await CoroutineTests.Catch<ValueError>(async () => await Timeout(0.1, async _ =>
            {
                try { await Sleep(1); }
                catch (CancelledError) { throw new ValueError("raised during the timeout"); }
            }));
        });
    }

    [Fact]
    public void The_exact_form_returns_normally_when_the_body_swallows_the_cancellation()
    {
        // timeouts.py __aexit__: no exception in flight, so no TimeoutError (but expired() is True).
        var (result, _) = PyRun.Main(async () =>
        {
            PyTimeout? seen = null;
            var value = await Timeout(0.1, async cm =>
            {
                seen = cm;
                try { await Sleep(1); }
                catch (CancelledError) { }
                return "swallowed";
            });
            seen!.Expired().ShouldBeTrue();
            return value;
        });
        result.ShouldBe("swallowed");
    }

    [Fact]
    public void Timeouts_print_as_CPython_prints_them()
    {
        // test_timeouts.py test_repr_active / test_repr_expired / test_repr_finished / test_repr_disabled
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            await Sleep(1);
            PyTimeout? cm = null;
            await using (cm = Timeout(10))
            {
                Str(cm).ShouldBe("<Timeout [active] when=11.0>");
            }
            Str(cm).ShouldBe("<Timeout [finished]>");
            await CoroutineTests.Catch<TimeoutError>(async () =>
            {
                await using (cm = Timeout(0.5)) await Sleep(1);
            });
            Str(cm).ShouldBe("<Timeout [expired]>");
            await using (cm = Timeout(null)) Str(cm).ShouldBe("<Timeout [active] when=None>");
            loop.Time().ShouldBe(1.5);
        });
    }

    [Fact]
    public void Misuse_raises_RuntimeError()
    {
        // test_timeouts.py test_timeout_not_entered / test_timeout_finished / test_timeout_without_task
        PyRun.Main(async () =>
        {
            PyTimeout cm;
            await using (cm = Timeout(10)) { }
            Should.Throw<RuntimeError>(() => cm.Reschedule(1)).Message.ShouldBe("Cannot change state of finished Timeout");
            RuntimeError? outside = null;
            GetRunningLoop().CallSoon(() => outside = Should.Throw<RuntimeError>(() => Timeout(1)));
            await Sleep(0);
            outside!.Message.ShouldBe("Timeout should be used inside a task");
        });
    }

    [Fact]
    public void A_timeout_around_a_task_group_cancels_its_children()
    {
        // test_timeouts.py test_timeout_taskgroup
        bool childCancelled = false;
        PyRun.Main(async () =>
        {
            await CoroutineTests.Catch<TimeoutError>(async () =>
            {
                await using (Timeout(0.1))
                {
                    await using var g = TaskGroup();
                    _ = g.CreateTask(Child());
                }
            });
            GetRunningLoop().Time().ShouldBe(0.1);
        });
        childCancelled.ShouldBeTrue();

        async Coroutine Child()
        {
            try { await Sleep(10); }
            catch (CancelledError) { childCancelled = true; throw; }
        }
    }

    [Fact]
    public void A_body_interrupted_inside_an_await_using_group_cancels_the_children()
    {
        // The await-using group cannot see the CancelledError in flight; the parent's pending
        // cancellation tells it, so it aborts its children as CPython's __aexit__ does.
        bool childCancelled = false;
        PyRun.Main(async () =>
        {
            await CoroutineTests.Catch<TimeoutError>(async () =>
            {
                await using (Timeout(1))
                {
                    await using var g = TaskGroup();
                    _ = g.CreateTask(Child());
                    await Sleep(100);
                }
            });
            GetRunningLoop().Time().ShouldBe(1);
        });
        childCancelled.ShouldBeTrue();

        async Coroutine Child()
        {
            try { await Sleep(10); }
            catch (CancelledError) { childCancelled = true; throw; }
        }
    }
}

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
