using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.Condition (CPython: test_locks.py, ConditionTests; src/PyAsync/Locks).</summary>
public class ConditionTests
{
    private const string ReprPattern = @"^<asyncio\.locks\.Condition object at 0x[0-9a-f]+ \[(locked|unlocked)(, waiters:\d+)?\]>$";

    [Fact]
    public void Notified_waiters_return_one_by_one_as_the_lock_is_released()
    {
        // test_locks.py: ConditionTests.test_wait
        PyRun.Main(async () =>
        {
            var cond = Condition();
            var result = new List<int>();

            async Coroutine<bool> C(int n)
            {
                await cond.Acquire();
                if (await cond.Wait()) result.Add(n);
                return true;
            }

            var t1 = CreateTask(C(1));
            var t2 = CreateTask(C(2));
            var t3 = CreateTask(C(3));
            await Sleep(0);
            result.ShouldBeEmpty();
            cond.Locked().ShouldBeFalse();

            await cond.Acquire();
            cond.Notify();
            await Sleep(0);
            result.ShouldBeEmpty();
            cond.Locked().ShouldBeTrue();

            cond.Release();
            await Sleep(0);
            result.ShouldBe([1]);
            cond.Locked().ShouldBeTrue();

            cond.Notify(2);
            await Sleep(0);
            result.ShouldBe([1]);
            cond.Locked().ShouldBeTrue();

            cond.Release();
            await Sleep(0);
            result.ShouldBe([1, 2]);
            cond.Locked().ShouldBeTrue();

            cond.Release();
            await Sleep(0);
            result.ShouldBe([1, 2, 3]);
            cond.Locked().ShouldBeTrue();
            foreach (var t in new[] { t1, t2, t3 }) t.Result().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_cancelled_wait_reacquires_the_lock_and_leaves_no_waiter()
    {
        // test_locks.py: ConditionTests.test_wait_cancel
        PyRun.Main(async () =>
        {
            var cond = Condition();
            await cond.Acquire();
            var wait = CreateTask(cond.Wait());
            GetRunningLoop().CallSoon(() => { wait.Cancel(); });
            await CoroutineTests.Catch<CancelledError>(async () => await wait);
            cond.WaiterCount.ShouldBe(0);
            cond.Locked().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_wait_cancelled_while_the_lock_is_contested_still_ends_holding_the_lock()
    {
        // test_locks.py: ConditionTests.test_wait_cancel_contested
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var cond = Condition();
            await cond.Acquire();
            cond.Locked().ShouldBeTrue();

            var waitTask = CreateTask(cond.Wait());
            await Sleep(0);
            cond.Locked().ShouldBeFalse();

            await cond.Acquire();
            cond.Locked().ShouldBeTrue();
            cond.Notify();
            loop.CallSoon(() => { waitTask.Cancel(); });
            loop.CallSoon(cond.Release);
            try
            {
                await waitTask;
            }
            catch (CancelledError)
            {
                // CPython tolerates it too.
            }
            cond.Locked().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_wait_cancelled_after_its_notification_is_cancelled_once_it_holds_the_lock()
    {
        // test_locks.py: ConditionTests.test_wait_cancel_after_notify
        PyRun.Main(async () =>
        {
            var waited = false;
            var cond = Condition();

            async Coroutine WaitOnCond()
            {
                using (await cond.Acquire())
                {
                    waited = true;
                    await cond.Wait();
                }
            }

            var waiter = CreateTask(WaitOnCond());
            await Sleep(0);
            await cond.Acquire();
            cond.Notify();
            await Sleep(0);
            waiter.Cancel();
            await Sleep(0);
            cond.Release();
            await Sleep(0);
            waiter.Cancelled().ShouldBeTrue();
            waited.ShouldBeTrue();
            cond.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void Wait_without_the_lock_raises_CPythons_RuntimeError()
    {
        // test_locks.py: ConditionTests.test_wait_unacquired
        PyRun.Main(async () =>
        {
            var cond = Condition();
            var error = await CoroutineTests.Catch<RuntimeError>(async () => await cond.Wait());
            error.Message.ShouldBe("cannot wait on un-acquired lock");
        });
    }

    [Fact]
    public void WaitFor_waits_until_the_predicate_holds_after_a_notification()
    {
        // test_locks.py: ConditionTests.test_wait_for
        PyRun.Main(async () =>
        {
            var cond = Condition();
            var presult = false;
            var result = new List<int>();

            async Coroutine<bool> C1()
            {
                await cond.Acquire();
                if (await cond.WaitFor(() => presult))
                {
                    result.Add(1);
                    cond.Release();
                }
                return true;
            }

            var t = CreateTask(C1());
            await Sleep(0);
            result.ShouldBeEmpty();

            await cond.Acquire();
            cond.Notify();
            cond.Release();
            await Sleep(0);
            result.ShouldBeEmpty();

            presult = true;
            await cond.Acquire();
            cond.Notify();
            cond.Release();
            await Sleep(0);
            result.ShouldBe([1]);
            t.Result().ShouldBeTrue();
        });
    }

    [Fact]
    public void WaitFor_without_the_lock_returns_a_true_predicate_and_raises_if_it_must_wait()
    {
        // test_locks.py: ConditionTests.test_wait_for_unacquired
        PyRun.Main(async () =>
        {
            var cond = Condition();
            (await cond.WaitFor(() => true)).ShouldBeTrue();
            var error = await CoroutineTests.Catch<RuntimeError>(async () => await cond.WaitFor(() => false));
            error.Message.ShouldBe("cannot wait on un-acquired lock");
        });
    }

    [Fact]
    public void Notify_wakes_at_most_n_waiters_oldest_first()
    {
        // test_locks.py: ConditionTests.test_notify
        PyRun.Main(async () =>
        {
            var cond = Condition();
            var result = new List<int>();

            async Coroutine<bool> C(int n)
            {
                await cond.Acquire();
                if (await cond.Wait())
                {
                    result.Add(n);
                    cond.Release();
                }
                return true;
            }

            var t1 = CreateTask(C(1));
            var t2 = CreateTask(C(2));
            var t3 = CreateTask(C(3));
            await Sleep(0);
            result.ShouldBeEmpty();

            await cond.Acquire();
            cond.Notify(1);
            cond.Release();
            await Sleep(0);
            result.ShouldBe([1]);

            await cond.Acquire();
            cond.Notify(1);
            cond.Notify(2048);
            cond.Release();
            await Sleep(0);
            result.ShouldBe([1, 2, 3]);
            foreach (var t in new[] { t1, t2, t3 }) t.Result().ShouldBeTrue();
        });
    }

    [Fact]
    public void NotifyAll_wakes_every_waiter()
    {
        // test_locks.py: ConditionTests.test_notify_all
        PyRun.Main(async () =>
        {
            var cond = Condition();
            var result = new List<int>();

            async Coroutine<bool> C(int n)
            {
                await cond.Acquire();
                if (await cond.Wait())
                {
                    result.Add(n);
                    cond.Release();
                }
                return true;
            }

            var t1 = CreateTask(C(1));
            var t2 = CreateTask(C(2));
            await Sleep(0);
            result.ShouldBeEmpty();

            await cond.Acquire();
            cond.NotifyAll();
            cond.Release();
            await Sleep(0);
            result.ShouldBe([1, 2]);
            t1.Result().ShouldBeTrue();
            t2.Result().ShouldBeTrue();
        });
    }

    [Fact]
    public void Notify_and_NotifyAll_without_the_lock_raise_CPythons_RuntimeError()
    {
        // test_locks.py: ConditionTests.test_notify_unacquired / test_notify_all_unacquired
        var cond = Condition();
        Should.Throw<RuntimeError>(() => cond.Notify()).Message.ShouldBe("cannot notify on un-acquired lock");
        Should.Throw<RuntimeError>(() => cond.NotifyAll()).Message.ShouldBe("cannot notify on un-acquired lock");
    }

    [Fact]
    public void Repr_and_type_are_CPythons()
    {
        // test_locks.py: ConditionTests.test_repr
        PyRun.Main(async () =>
        {
            var cond = Condition();
            Repr(cond).ShouldEndWith("[unlocked]>");
            Repr(cond).ShouldMatch(ReprPattern);
            Str(Type(cond)).ShouldBe("<class 'asyncio.locks.Condition'>");

            await cond.Acquire();
            Repr(cond).ShouldEndWith("[locked]>");

            var w1 = CreateTask(cond.Wait());
            await Sleep(0);
            Repr(cond).ShouldEndWith("[unlocked, waiters:1]>");
            Repr(w1).ShouldContain("coro=<Condition.wait()");
            await cond.Acquire();
            var w2 = CreateTask(WaitAndRelease(cond));
            await Sleep(0);
            Repr(cond).ShouldEndWith("[unlocked, waiters:2]>");
            Repr(cond).ShouldMatch(ReprPattern);

            await cond.Acquire();
            cond.NotifyAll();
            cond.Release();
            await w1;
            cond.Release();
            await w2;
            cond.Locked().ShouldBeFalse();
        });

        static async Coroutine WaitAndRelease(PyAsync.Condition cond)
        {
            await cond.Wait();
            cond.Release();
        }
    }

    [Fact]
    public void Using_the_awaited_acquire_holds_the_lock_for_the_block()
    {
        // test_locks.py: ConditionTests.test_context_manager
        PyRun.Main(async () =>
        {
            var cond = Condition();
            cond.Locked().ShouldBeFalse();
            using (await cond.Acquire())
            {
                cond.Locked().ShouldBeTrue();
            }
            cond.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void A_condition_shares_an_explicit_lock()
    {
        // test_locks.py: ConditionTests.test_explicit_lock
        PyRun.Main(async () =>
        {
            async Coroutine F(PyLock? lk = null, PyAsync.Condition? cond = null)
            {
                lk ??= Lock();
                cond ??= Condition(lk);
                cond.Lock.ShouldBeSameAs(lk);
                lk.Locked().ShouldBeFalse();
                cond.Locked().ShouldBeFalse();
                using (await cond.Acquire())
                {
                    lk.Locked().ShouldBeTrue();
                    cond.Locked().ShouldBeTrue();
                }
                lk.Locked().ShouldBeFalse();
                cond.Locked().ShouldBeFalse();
                using (await lk.Acquire())
                {
                    lk.Locked().ShouldBeTrue();
                    cond.Locked().ShouldBeTrue();
                }
                lk.Locked().ShouldBeFalse();
                cond.Locked().ShouldBeFalse();
            }

            await F();
            await F(Lock());
            var shared = Lock();
            await F(shared, Condition(shared));
        });
    }

    [Fact]
    public void A_lock_or_condition_bound_to_another_loop_raises_when_it_must_wait()
    {
        // test_locks.py: ConditionTests.test_ambiguous_loops
        var lk = Lock();
        var cond = Condition();
        PyRun.Program(() =>
        {
            // Bind both to a first loop, by waiting on them there.
            Run(BindBoth());

            Run(WrongLoopInLock());
            Run(WrongLoopInCond());
        });

        async Coroutine BindBoth()
        {
            await lk.Acquire();
            var t = CreateTask(lk.Acquire());
            await Sleep(0);
            lk.Release();
            await t;
            lk.Release();

            await cond.Acquire();
            var notifier = CreateTask(NotifyAll(cond));
            await cond.Wait();
            cond.Release();
            await notifier;
        }

        async Coroutine WrongLoopInLock()
        {
            using (await lk.Acquire())
            {
                // Acquired at once through the fast path, which touches no loop.
                var c = Condition(lk);
                var error = await CoroutineTests.Catch<RuntimeError>(async () => await c.Acquire());
                error.Message.ShouldEndWith("is bound to a different event loop");
            }
        }

        async Coroutine WrongLoopInCond()
        {
            var other = Lock();
            using (await other.Acquire())
            {
                using (await cond.Acquire())
                {
                    var error = await CoroutineTests.Catch<RuntimeError>(async () => await cond.Wait());
                    error.Message.ShouldMatch(@"^<asyncio\.locks\.Condition object at 0x[0-9a-f]+ \[locked\]> is bound to a different event loop$");
                    cond.Locked().ShouldBeTrue();
                }
            }
        }

        static async Coroutine NotifyAll(PyAsync.Condition cond)
        {
            using (await cond.Acquire()) cond.NotifyAll();
        }
    }

    [Fact]
    public void WaitFor_timing_out_a_wait_inside_the_block_still_holds_the_lock()
    {
        // test_locks.py: ConditionTests.test_timeout_in_block
        PyRun.Main(async () =>
        {
            var condition = Condition();
            using (await condition.Acquire())
            {
                await CoroutineTests.Catch<TimeoutError>(async () => await WaitFor(condition.Wait(), 0.5));
                condition.Locked().ShouldBeTrue();
                GetRunningLoop().Time().ShouldBe(0.5);
            }
            condition.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void A_cancellation_received_while_waiting_is_reraised_unchanged()
    {
        // test_locks.py: ConditionTests.test_cancelled_error_wakeup
        PyRun.Main(async () =>
        {
            var wake = false;
            CancelledError? raised = null;
            var cond = Condition();

            async Coroutine Func()
            {
                using (await cond.Acquire())
                {
                    var err = await CoroutineTests.Catch<CancelledError>(async () => await cond.WaitFor(() => wake));
                    raised = err;
                    throw err;
                }
            }

            var task = CreateTask(Func());
            await Sleep(0);
            task.Cancel("foo");
            var error = await CoroutineTests.Catch<CancelledError>(async () => await task);
            error.Args.ShouldBe(new PyTuple(["foo"]));
            error.ShouldBeSameAs(raised);
        });
    }

    [Fact]
    public void A_cancellation_received_while_reacquiring_is_reraised_unchanged()
    {
        // test_locks.py: ConditionTests.test_cancelled_error_re_aquire
        PyRun.Main(async () =>
        {
            var wake = false;
            CancelledError? raised = null;
            var cond = Condition();

            async Coroutine Func()
            {
                using (await cond.Acquire())
                {
                    var err = await CoroutineTests.Catch<CancelledError>(async () => await cond.WaitFor(() => wake));
                    raised = err;
                    throw err;
                }
            }

            var task = CreateTask(Func());
            await Sleep(0);
            await cond.Acquire();
            wake = true;
            cond.Notify();
            await Sleep(0);
            task.Cancel("foo");
            cond.Release();
            var error = await CoroutineTests.Catch<CancelledError>(async () => await task);
            error.Args.ShouldBe(new PyTuple(["foo"]));
            error.ShouldBeSameAs(raised);
        });
    }

    [Fact]
    public void A_task_cancelled_as_it_is_notified_passes_the_wakeup_on()
    {
        // test_locks.py: ConditionTests.test_cancelled_wakeup
        PyRun.Main(async () => await CancelledWakeup(sleepBeforeCancel: false));
    }

    [Fact]
    public void A_task_cancelled_while_reacquiring_after_a_notify_passes_the_wakeup_on()
    {
        // test_locks.py: ConditionTests.test_cancelled_wakeup_relock
        PyRun.Main(async () => await CancelledWakeup(sleepBeforeCancel: true));
    }

    private static async Coroutine CancelledWakeup(bool sleepBeforeCancel)
    {
        var condition = Condition();
        var state = 0;

        async Coroutine Consumer()
        {
            using (await condition.Acquire())
            {
                while (true)
                {
                    await condition.WaitFor(() => state != 0);
                    if (state < 0) return;
                    state -= 1;
                }
            }
        }

        var c = new[] { CreateTask(Consumer()), CreateTask(Consumer()) };
        await Sleep(0);
        using (await condition.Acquire())
        {
            state += 1;
            condition.Notify(1);
            if (sleepBeforeCancel) await Sleep(0);
            c[0].Cancel();
            try
            {
                await using (Timeout(0.01))
                {
                    await condition.WaitFor(() => state == 0);
                }
            }
            catch (TimeoutError)
            {
            }
            state.ShouldBe(0);
            state = -1;
            condition.NotifyAll();
        }
        await c[1];
        c[0].Cancelled().ShouldBeTrue();
    }

    [Fact]
    public void A_producer_and_consumers_hand_items_over_through_the_condition()
    {
        // test_locks.py: ConditionTests.test_wait_for (a producer/consumer round, checked against CPython's order)
        var output = PyRun.Main(async () =>
        {
            var cond = Condition();
            var items = new List<int>();

            async Coroutine Consumer(string name)
            {
                for (int i = 0; i < 2; i++)
                {
                    using (await cond.Acquire())
                    {
                        await cond.WaitFor(() => items.Count > 0);
                        var item = items[0];
                        items.RemoveAt(0);
                        Print(name, "got", item, "at", GetRunningLoop().Time());
                    }
                }
            }

            async Coroutine Producer()
            {
                for (int i = 0; i < 4; i++)
                {
                    await Sleep(1);
                    using (await cond.Acquire())
                    {
                        items.Add(i);
                        cond.Notify();
                    }
                }
            }

            await Gather(Consumer("a"), Consumer("b"), Producer());
        });
        // CPython 3.13 prints the same for the Python original.
        output.Stdout.ShouldBe("a got 0 at 1.0\nb got 1 at 2.0\na got 2 at 3.0\nb got 3 at 4.0\n");
    }
}
