using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.Lock (CPython: test_locks.py, LockTests; src/PyAsync/Locks).</summary>
public class LockTests
{
    private const string ReprPattern = @"^<asyncio\.locks\.Lock object at 0x[0-9a-f]+ \[(locked|unlocked)(, waiters:\d+)?\]>$";

    [Fact]
    public void Repr_and_type_are_CPythons()
    {
        // test_locks.py: LockTests.test_repr
        PyRun.Main(async () =>
        {
            var lk = Lock();
            Repr(lk).ShouldEndWith("[unlocked]>");
            Repr(lk).ShouldMatch(ReprPattern);
            Str(Type(lk)).ShouldBe("<class 'asyncio.locks.Lock'>");
            await lk.Acquire();
            Repr(lk).ShouldEndWith("[locked]>");
            var t = CreateTask(lk.Acquire());
            await Sleep(0);
            Repr(lk).ShouldEndWith("[locked, waiters:1]>");
            Repr(lk).ShouldMatch(ReprPattern);
            Str(lk).ShouldBe(Repr(lk));
            Repr(t).ShouldContain("coro=<Lock.acquire()");
            lk.Release();
            await t;
            lk.Locked().ShouldBeTrue();
        });
    }

    [Fact]
    public void Waiting_tasks_acquire_in_FIFO_order_one_per_release()
    {
        // test_locks.py: LockTests.test_acquire
        PyRun.Main(async () =>
        {
            var lk = Lock();
            var result = new List<int>();
            await lk.Acquire();

            async Coroutine<bool> C(int n)
            {
                await lk.Acquire();
                result.Add(n);
                return true;
            }

            var t1 = CreateTask(C(1));
            var t2 = CreateTask(C(2));
            await Sleep(0);
            result.ShouldBeEmpty();

            lk.Release();
            await Sleep(0);
            result.ShouldBe([1]);
            await Sleep(0);
            result.ShouldBe([1]);

            var t3 = CreateTask(C(3));
            lk.Release();
            await Sleep(0);
            result.ShouldBe([1, 2]);

            lk.Release();
            await Sleep(0);
            result.ShouldBe([1, 2, 3]);
            foreach (var t in new[] { t1, t2, t3 }) t.Result().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_waiter_cancelled_while_waiting_leaves_no_waiter_behind()
    {
        // test_locks.py: LockTests.test_acquire_cancel
        PyRun.Main(async () =>
        {
            var lk = Lock();
            await lk.Acquire();
            var task = CreateTask(lk.Acquire());
            GetRunningLoop().CallSoon(() => { task.Cancel(); });
            await CoroutineTests.Catch<CancelledError>(async () => await task);
            lk.WaiterCount.ShouldBe(0);
            lk.Locked().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_release_racing_a_cancelled_first_waiter_wakes_the_next_one()
    {
        // test_locks.py: LockTests.test_cancel_race
        PyRun.Main(async () =>
        {
            var lk = Lock();

            async Coroutine Lockit(Future<object?>? blocker)
            {
                await lk.Acquire();
                try
                {
                    if (blocker is not null) await blocker;
                }
                finally
                {
                    lk.Release();
                }
            }

            var fa = GetRunningLoop().CreateFuture();
            var ta = CreateTask(Lockit(fa));
            await Sleep(0);
            lk.Locked().ShouldBeTrue();
            var tb = CreateTask(Lockit(null));
            await Sleep(0);
            lk.WaiterCount.ShouldBe(1);
            var tc = CreateTask(Lockit(null));
            await Sleep(0);
            lk.WaiterCount.ShouldBe(2);

            fa.SetResult(null);
            tb.Cancel();
            lk.FirstWaiter!.Cancelled().ShouldBeTrue();
            await Sleep(0);
            lk.Locked().ShouldBeFalse();
            ta.Done().ShouldBeTrue();
            tb.Cancelled().ShouldBeTrue();
            await tc;
            lk.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void Cancelling_the_first_waiter_and_releasing_at_once_lets_exactly_one_task_in()
    {
        // test_locks.py: LockTests.test_cancel_release_race
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var lk = Lock();
            int lockCount = 0, callCount = 0;

            async Coroutine Lockit()
            {
                callCount++;
                await lk.Acquire();
                lockCount++;
            }

            await lk.Acquire();
            var t1 = CreateTask(Lockit());
            var t2 = CreateTask(Lockit());
            var t3 = CreateTask(Lockit());
            await Sleep(0);

            loop.CallSoon(() =>
            {
                t1.Cancel();
                lk.Release();
            });
            await CoroutineTests.Catch<CancelledError>(async () => await t1);

            lockCount.ShouldBe(1);
            callCount.ShouldBe(3);
            t1.Cancelled().ShouldBeTrue();
            t2.Done().ShouldBeTrue();

            t3.Cancel();
            await Sleep(0);
            t3.Cancelled().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_woken_waiter_cancelled_before_it_runs_does_not_block_the_next()
    {
        // test_locks.py: LockTests.test_finished_waiter_cancelled
        PyRun.Main(async () =>
        {
            var lk = Lock();
            await lk.Acquire();
            lk.Locked().ShouldBeTrue();

            var tb = CreateTask(lk.Acquire());
            await Sleep(0);
            lk.WaiterCount.ShouldBe(1);

            var tc = CreateTask(lk.Acquire());
            tb.Cancel();
            lk.Release();
            await Sleep(0);

            lk.Locked().ShouldBeTrue();
            tb.Cancelled().ShouldBeTrue();
            await tc;
            tc.Done().ShouldBeTrue();
        });
    }

    [Fact]
    public void Releasing_an_unlocked_lock_raises_CPythons_RuntimeError()
    {
        // test_locks.py: LockTests.test_release_not_acquired
        var lk = Lock();
        Should.Throw<RuntimeError>(() => lk.Release()).Message.ShouldBe("Lock is not acquired.");
    }

    [Fact]
    public void Releasing_twice_raises_the_second_time()
    {
        // test_locks.py: LockTests.test_release_not_acquired (after an acquire)
        PyRun.Main(async () =>
        {
            var lk = Lock();
            await lk.Acquire();
            lk.Release();
            Should.Throw<RuntimeError>(() => lk.Release()).Message.ShouldBe("Lock is not acquired.");
        });
    }

    [Fact]
    public void Release_with_no_waiters_unlocks()
    {
        // test_locks.py: LockTests.test_release_no_waiters
        PyRun.Main(async () =>
        {
            var lk = Lock();
            await lk.Acquire();
            lk.Locked().ShouldBeTrue();
            lk.Release();
            lk.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void Using_the_awaited_acquire_holds_the_lock_for_the_block()
    {
        // test_locks.py: LockTests.test_context_manager
        PyRun.Main(async () =>
        {
            var lk = Lock();
            lk.Locked().ShouldBeFalse();
            using (await lk.Acquire())
            {
                lk.Locked().ShouldBeTrue();
            }
            lk.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void An_exception_in_the_using_block_releases_the_lock()
    {
        // test_locks.py: LockTests.test_context_manager (async with releases on an exception, as __aexit__ does)
        PyRun.Main(async () =>
        {
            var lk = Lock();
            var error = await CoroutineTests.Catch<ValueError>(async () =>
            {
                using (await lk.Acquire())
                {
                    lk.Locked().ShouldBeTrue();
                    throw new ValueError("boom");
                }
            });
            error.Message.ShouldBe("boom");
            lk.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void Acquiring_a_free_lock_does_not_yield_to_the_loop_but_a_held_one_does()
    {
        // test_locks.py: LockTests.test_ambiguous_loops ("acquired immediately via the fast-path")
        PyRun.Main(async () =>
        {
            var lk = Lock();
            var order = new List<string>();

            async Coroutine Other()
            {
                order.Add("other");
                await Sleep(0);
            }

            var other = CreateTask(Other());
            using (await lk.Acquire()) order.Add("free lock taken");
            order.ShouldBe(["free lock taken"]);

            await lk.Acquire();
            var waiter = CreateTask(lk.Acquire());
            await Sleep(0);
            order.ShouldBe(["free lock taken", "other"]);
            lk.Release();
            await waiter;
            await other;
        });
    }

    [Fact]
    public void Waiters_are_skipped_by_a_newcomer_only_if_all_are_cancelled()
    {
        // test_locks.py: LockTests.test_finished_waiter_cancelled (the "all(w.cancelled())" fast path of acquire)
        PyRun.Main(async () =>
        {
            var lk = Lock();
            await lk.Acquire();
            var tb = CreateTask(lk.Acquire());
            await Sleep(0);
            tb.Cancel();
            lk.Release();
            // tb's waiter is cancelled but still queued: a newcomer may take the lock at once.
            lk.WaiterCount.ShouldBe(1);
            await lk.Acquire();
            lk.Locked().ShouldBeTrue();
            await CoroutineTests.Catch<CancelledError>(async () => await tb);
            lk.WaiterCount.ShouldBe(0);
            lk.Release();
        });
    }

    [Fact]
    public void Many_waiters_are_served_in_arrival_order()
    {
        // test_locks.py: LockTests.test_acquire (FIFO fairness, with holders that yield while holding)
        PyRun.Main(async () =>
        {
            var lk = Lock();
            var order = new List<int>();

            async Coroutine Worker(int n)
            {
                using (await lk.Acquire())
                {
                    order.Add(n);
                    await Sleep(0.1);
                }
            }

            var tasks = Enumerable.Range(0, 10).Select(i => CreateTask(Worker(i))).ToList();
            await Gather(tasks);
            order.ShouldBe(Enumerable.Range(0, 10).ToList());
            GetRunningLoop().Time().ShouldBe(1.0, 1e-9);
            lk.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void WaitFor_on_acquire_times_out_without_leaving_a_waiter()
    {
        // test_locks.py: SemaphoreTests.test_acquire_no_hang (wait_for(lock.acquire(), timeout))
        PyRun.Main(async () =>
        {
            var lk = Lock();
            await lk.Acquire();
            await CoroutineTests.Catch<TimeoutError>(async () => await WaitFor(lk.Acquire(), 0.5));
            GetRunningLoop().Time().ShouldBe(0.5);
            lk.WaiterCount.ShouldBe(0);
            lk.Locked().ShouldBeTrue();
            lk.Release();
            using (await WaitFor(lk.Acquire(), 1))
            {
                lk.Locked().ShouldBeTrue();
            }
            lk.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void A_lock_waited_for_on_one_loop_cannot_be_waited_for_on_another()
    {
        // test_locks.py: ConditionTests.test_ambiguous_loops (mixins._LoopBoundMixin)
        var lk = Lock();
        var output = PyRun.Program(() =>
        {
            Run(Contend(lk));
            lk.Locked().ShouldBeFalse();
            var error = Should.Throw<RuntimeError>(() => Run(Contend(lk)));
            error.Message.ShouldMatch(@"^<asyncio\.locks\.Lock object at 0x[0-9a-f]+ \[locked\]> is bound to a different event loop$");
        });
        output.Stderr.ShouldBeEmpty();

        static async Coroutine Contend(PyLock lk)
        {
            await lk.Acquire();
            var t = CreateTask(lk.Acquire());
            await Sleep(0);
            lk.Release();
            await t;
            lk.Release();
        }
    }

    [Fact]
    public void A_cancelled_task_holding_the_lock_releases_it_through_using()
    {
        // test_locks.py: LockTests.test_cancel_race (the holder's release in finally)
        PyRun.Main(async () =>
        {
            var lk = Lock();
            var entered = new List<string>();

            async Coroutine Holder(string name)
            {
                using (await lk.Acquire())
                {
                    entered.Add(name);
                    await Sleep(10);
                }
            }

            var a = CreateTask(Holder("a"));
            var b = CreateTask(Holder("b"));
            await Sleep(1);
            entered.ShouldBe(["a"]);
            a.Cancel();
            await Sleep(0);
            await Sleep(0);
            entered.ShouldBe(["a", "b"]);
            a.Cancelled().ShouldBeTrue();
            await b;
            lk.Locked().ShouldBeFalse();
            GetRunningLoop().Time().ShouldBe(11);
        });
    }

    [Fact]
    public void An_Acquire_value_is_not_a_coroutine_object_awaiting_it_twice_acquires_twice_and_an_unawaited_one_is_not_reported()
    {
        // A documented difference (README, "Locks, queues, threads and context"): CPython's lock.acquire()
        // is a coroutine object, which raises "cannot reuse already awaited coroutine" when awaited again
        // and warns when never awaited; PyAsync's Acquire() is a value that does its work when awaited.
        var output = PyRun.Main(async () =>
        {
            var sem = Semaphore(2);
            var acquire = sem.Acquire();
            await acquire;
            await acquire;
            Print(sem.Locked());
            _ = Lock().Acquire();
            await Sleep(0);
        });
        output.Stdout.ShouldBe("True\n");
        output.Stderr.ShouldBe("");
    }
}
