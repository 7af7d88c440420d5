using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.Semaphore and BoundedSemaphore (CPython: test_locks.py, SemaphoreTests; src/PyAsync/Locks).</summary>
public class SemaphoreTests
{
    private const string ReprPattern = @"^<asyncio\.locks\.(Bounded)?Semaphore object at 0x[0-9a-f]+ \[(locked|unlocked, value:\d+)(, waiters:\d+)?\]>$";

    [Fact]
    public void A_semaphore_of_zero_is_locked()
    {
        // test_locks.py: SemaphoreTests.test_initial_value_zero
        Semaphore(0).Locked().ShouldBeTrue();
    }

    [Fact]
    public void Repr_and_type_are_CPythons()
    {
        // test_locks.py: SemaphoreTests.test_repr
        PyRun.Main(async () =>
        {
            var sem = Semaphore();
            Repr(sem).ShouldEndWith("[unlocked, value:1]>");
            Repr(sem).ShouldMatch(ReprPattern);
            Str(Type(sem)).ShouldBe("<class 'asyncio.locks.Semaphore'>");

            await sem.Acquire();
            Repr(sem).ShouldEndWith("[locked]>");
            Repr(sem).ShouldNotContain("waiters");

            var t1 = CreateTask(sem.Acquire());
            var t2 = CreateTask(sem.Acquire());
            await Sleep(0);
            Repr(sem).ShouldEndWith("[locked, waiters:2]>");
            Repr(sem).ShouldMatch(ReprPattern);
            Repr(t1).ShouldContain("coro=<Semaphore.acquire()");
            sem.Release();
            sem.Release();
            await Gather(t1, t2);

            var bounded = BoundedSemaphore(2);
            Repr(bounded).ShouldMatch(@"^<asyncio\.locks\.BoundedSemaphore object at 0x[0-9a-f]+ \[unlocked, value:2\]>$");
            Str(Type(bounded)).ShouldBe("<class 'asyncio.locks.BoundedSemaphore'>");
        });
    }

    [Fact]
    public void A_new_semaphore_has_value_one_and_is_unlocked()
    {
        // test_locks.py: SemaphoreTests.test_semaphore
        var sem = Semaphore();
        sem.Value.ShouldBe(1);
        sem.Locked().ShouldBeFalse();
    }

    [Fact]
    public void A_negative_initial_value_raises_CPythons_ValueError()
    {
        // test_locks.py: SemaphoreTests.test_semaphore_value
        Should.Throw<ValueError>(() => Semaphore(-1)).Message.ShouldBe("Semaphore initial value must be >= 0");
        Should.Throw<ValueError>(() => BoundedSemaphore(-1)).Message.ShouldBe("Semaphore initial value must be >= 0");
    }

    [Fact]
    public void Acquire_takes_free_slots_then_waits_and_releases_wake_waiters_in_order()
    {
        // test_locks.py: SemaphoreTests.test_acquire
        PyRun.Main(async () =>
        {
            var sem = Semaphore(3);
            var result = new List<int>();
            await sem.Acquire();
            await sem.Acquire();
            sem.Locked().ShouldBeFalse();

            async Coroutine<bool> C(int n)
            {
                await sem.Acquire();
                result.Add(n);
                return true;
            }

            var t1 = CreateTask(C(1));
            var t2 = CreateTask(C(2));
            var t3 = CreateTask(C(3));
            await Sleep(0);
            result.ShouldBe([1]);
            sem.Locked().ShouldBeTrue();
            sem.WaiterCount.ShouldBe(2);
            sem.Value.ShouldBe(0);

            var t4 = CreateTask(C(4));
            sem.Release();
            sem.Release();
            sem.Value.ShouldBe(0);

            await Sleep(0);
            sem.Value.ShouldBe(0);
            result.Count.ShouldBe(3);
            sem.Locked().ShouldBeTrue();
            sem.WaiterCount.ShouldBe(1);
            t1.Result().ShouldBeTrue();
            new[] { t2, t3, t4 }.Count(t => t.Done() && t.Result()).ShouldBe(2);

            sem.Release();
            await Gather(t2, t3, t4);
            result.ShouldBe([1, 2, 3, 4]);
        });
    }

    [Fact]
    public void A_cancelled_acquire_leaves_no_pending_waiter()
    {
        // test_locks.py: SemaphoreTests.test_acquire_cancel
        PyRun.Main(async () =>
        {
            var sem = Semaphore();
            await sem.Acquire();
            var acquire = CreateTask(sem.Acquire());
            GetRunningLoop().CallSoon(() => { acquire.Cancel(); });
            await CoroutineTests.Catch<CancelledError>(async () => await acquire);
            (sem.WaiterCount == 0 || sem.AllWaitersDone()).ShouldBeTrue();
            sem.WaiterCount.ShouldBe(0);
        });
    }

    [Fact]
    public void A_release_after_cancelling_the_first_waiters_wakes_the_first_live_one()
    {
        // test_locks.py: SemaphoreTests.test_acquire_cancel_before_awoken
        PyRun.Main(async () =>
        {
            var sem = Semaphore(0);
            var t1 = CreateTask(sem.Acquire());
            var t2 = CreateTask(sem.Acquire());
            var t3 = CreateTask(sem.Acquire());
            var t4 = CreateTask(sem.Acquire());
            await Sleep(0);

            t1.Cancel();
            t2.Cancel();
            sem.Release();
            await Sleep(0);
            await Sleep(0);
            new[] { t3, t4 }.Count(t => t.Done()).ShouldBe(1);
            t3.Done().ShouldBeTrue();
            t4.Done().ShouldBeFalse();

            t3.Cancel();
            t4.Cancel();
            await Sleep(0);
            t4.Cancelled().ShouldBeTrue();
        });
    }

    [Fact]
    public void Cancelling_one_waiter_before_a_release_does_not_hang_the_other()
    {
        // test_locks.py: SemaphoreTests.test_acquire_hang
        PyRun.Main(async () =>
        {
            var sem = Semaphore(0);
            var t1 = CreateTask(sem.Acquire());
            var t2 = CreateTask(sem.Acquire());
            await Sleep(0);

            t1.Cancel();
            sem.Release();
            await Sleep(0);
            await Sleep(0);
            sem.Locked().ShouldBeTrue();
            t2.Done().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_waiter_woken_then_cancelled_gives_its_slot_back()
    {
        // test_locks.py: SemaphoreTests.test_acquire_no_hang
        PyRun.Main(async () =>
        {
            var sem = Semaphore(1);
            PyTask? t2 = null;

            async Coroutine C1()
            {
                using (await sem.Acquire())
                {
                    await Sleep(0);
                }
                t2!.Cancel();
            }

            async Coroutine C2()
            {
                using (await sem.Acquire())
                {
                    throw new ShouldAssertException("c2 should never hold the semaphore");
                }
            }

            var t1 = CreateTask(C1());
            t2 = CreateTask(C2());
            var results = await Gather(returnExceptions: true, t1, t2);
            Str(results[0]).ShouldBe("None");
            results[1].ShouldBeOfType<CancelledError>();

            using (await WaitFor(sem.Acquire(), 1.0))
            {
                sem.Locked().ShouldBeTrue();
            }
            GetRunningLoop().Time().ShouldBe(0);
        });
    }

    [Fact]
    public void Releasing_a_bounded_semaphore_too_often_raises_CPythons_ValueError()
    {
        // test_locks.py: SemaphoreTests.test_release_not_acquired
        var sem = BoundedSemaphore();
        Should.Throw<ValueError>(() => sem.Release()).Message.ShouldBe("BoundedSemaphore released too many times");
        PySemaphore asBase = BoundedSemaphore(2);
        Should.Throw<ValueError>(() => asBase.Release());
    }

    [Fact]
    public void Release_with_no_waiters_unlocks()
    {
        // test_locks.py: SemaphoreTests.test_release_no_waiters
        PyRun.Main(async () =>
        {
            var sem = Semaphore();
            await sem.Acquire();
            sem.Locked().ShouldBeTrue();
            sem.Release();
            sem.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void Tasks_that_release_and_reacquire_queue_behind_the_others()
    {
        // test_locks.py: SemaphoreTests.test_acquire_fifo_order
        PyRun.Main(async () =>
        {
            var sem = Semaphore(1);
            var result = new List<string>();

            async Coroutine Coro(string tag)
            {
                await sem.Acquire();
                result.Add($"{tag}_1");
                await Sleep(0.01);
                sem.Release();

                await sem.Acquire();
                result.Add($"{tag}_2");
                await Sleep(0.01);
                sem.Release();
            }

            await using (var tg = TaskGroup())
            {
                _ = tg.CreateTask(Coro("c1"));
                _ = tg.CreateTask(Coro("c2"));
                _ = tg.CreateTask(Coro("c3"));
            }
            result.ShouldBe(["c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"]);
        });
    }

    [Fact]
    public void A_free_slot_is_not_taken_ahead_of_earlier_waiters()
    {
        // test_locks.py: SemaphoreTests.test_acquire_fifo_order_2
        PyRun.Main(async () =>
        {
            var sem = Semaphore(1);
            var result = new List<int>();

            async Coroutine<bool> C1()
            {
                await sem.Acquire();
                result.Add(1);
                return true;
            }

            async Coroutine<bool> C2()
            {
                await sem.Acquire();
                result.Add(2);
                sem.Release();
                await sem.Acquire();
                result.Add(4);
                return true;
            }

            async Coroutine<bool> C3()
            {
                await sem.Acquire();
                result.Add(3);
                return true;
            }

            var t1 = CreateTask(C1());
            var t2 = CreateTask(C2());
            var t3 = CreateTask(C3());
            await Sleep(0);
            sem.Release();
            sem.Release();
            await Gather(t1, t2, t3);
            result.ShouldBe([1, 2, 3, 4]);
        });
    }

    [Fact]
    public void A_cancelled_waiter_is_skipped_by_later_releases()
    {
        // test_locks.py: SemaphoreTests.test_acquire_fifo_order_3
        PyRun.Main(async () =>
        {
            var sem = Semaphore(0);
            var result = new List<int>();

            async Coroutine<bool> C(int n)
            {
                await sem.Acquire();
                result.Add(n);
                return true;
            }

            var t1 = CreateTask(C(1));
            var t2 = CreateTask(C(2));
            var t3 = CreateTask(C(3));
            await Sleep(0);
            t1.Cancel();
            await Sleep(0);
            sem.Release();
            sem.Release();
            await Gather(returnExceptions: true, t1, t2, t3);
            result.ShouldBe([2, 3]);
        });
    }

    [Fact]
    public void A_successful_acquire_wakes_as_many_queued_tasks_as_there_are_slots()
    {
        // test_locks.py: SemaphoreTests.test_acquire_fifo_order_4
        PyRun.Main(async () =>
        {
            var sem = Semaphore(0);
            var result = new List<int>();
            PyTask<bool>? t4 = null;

            async Coroutine<bool> C1()
            {
                sem.Value.ShouldBe(0);
                await sem.Acquire();
                sem.Value.ShouldBe(0);
                t4 = CreateTask(C4());
                result.Add(1);
                return true;
            }

            async Coroutine<bool> C2()
            {
                sem.Release();
                sem.Release();
                sem.Release();
                sem.Value.ShouldBe(2);
                sem.Locked().ShouldBeTrue();
                await sem.Acquire();
                result.Add(2);
                return true;
            }

            async Coroutine<bool> C3()
            {
                await sem.Acquire();
                sem.Locked().ShouldBeTrue();
                result.Add(3);
                return true;
            }

            async Coroutine<bool> C4()
            {
                result.Add(4);
                return true;
            }

            var t1 = CreateTask(C1());
            var t2 = CreateTask(C2());
            var t3 = CreateTask(C3());
            await Sleep(0);
            sem.Value.ShouldBe(2);
            sem.WaiterCount.ShouldBe(3);
            await Sleep(0);
            await Gather(t1, t2, t3, t4!);
            result.ShouldBe([1, 2, 3, 4]);
        });
    }

    [Fact]
    public void Using_the_awaited_acquire_limits_concurrency_and_releases_on_an_exception()
    {
        // test_locks.py: test_lock_by_with_statement / LockTests.test_context_manager, for semaphores
        PyRun.Main(async () =>
        {
            var sem = Semaphore(2);
            int inside = 0, most = 0;

            async Coroutine Worker(int n)
            {
                using (await sem.Acquire())
                {
                    inside++;
                    most = Math.Max(most, inside);
                    await Sleep(1);
                    inside--;
                    if (n == 3) throw new ValueError("boom");
                }
            }

            var results = await Gather(returnExceptions: true, Enumerable.Range(0, 6).Select(i => (IAwaitable)CreateTask(Worker(i))).ToArray());
            most.ShouldBe(2);
            results[3].ShouldBeOfType<ValueError>();
            GetRunningLoop().Time().ShouldBe(3);
            sem.Value.ShouldBe(2);
            sem.Locked().ShouldBeFalse();
        });
    }

    [Fact]
    public void A_semaphore_waited_for_on_one_loop_cannot_be_waited_for_on_another()
    {
        // test_locks.py: ConditionTests.test_ambiguous_loops (mixins._LoopBoundMixin, for Semaphore)
        var sem = Semaphore(0);
        PyRun.Program(() =>
        {
            Run(ReleaseSoon(sem));
            var error = Should.Throw<RuntimeError>(() => Run(ReleaseSoon(sem)));
            error.Message.ShouldMatch(@"^<asyncio\.locks\.Semaphore object at 0x[0-9a-f]+ \[locked\]> is bound to a different event loop$");
        });

        static async Coroutine ReleaseSoon(PySemaphore sem)
        {
            GetRunningLoop().CallSoon(sem.Release);
            await sem.Acquire();
        }
    }
}
