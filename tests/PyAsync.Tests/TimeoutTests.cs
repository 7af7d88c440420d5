using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.timeout / timeout_at (CPython: test_timeouts.py, TimeoutTests; src/PyAsync/Timeouts).</summary>
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
