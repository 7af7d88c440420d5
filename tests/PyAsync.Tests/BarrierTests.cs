using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.Barrier and BrokenBarrierError (CPython: test_locks.py, BarrierTests; src/PyAsync/Locks, Exceptions).</summary>
public class BarrierTests
{
    private const int N = 5;
    private const string ReprPattern = @"^<asyncio\.locks\.Barrier object at 0x[0-9a-f]+ \[(filling|draining|resetting|broken)(, waiters:\d+/\d+)?\]>$";

    private static List<PyTask<T>> MakeTasks<T>(int n, Func<Coroutine<T>> coro) =>
        Enumerable.Range(0, n).Select(_ => CreateTask(coro())).ToList();

    private static List<PyTask> MakeTasks(int n, Func<Coroutine> coro) =>
        Enumerable.Range(0, n).Select(_ => CreateTask(coro())).ToList();

    private static async Coroutine<List<T>> GatherTasks<T>(int n, Func<Coroutine<T>> coro) => await Gather(MakeTasks(n, coro));

    private static async Coroutine GatherTasks(int n, Func<Coroutine> coro) => await Gather(MakeTasks(n, coro));

    [Fact]
    public void Repr_follows_the_state_and_type_is_CPythons()
    {
        // test_locks.py: BarrierTests.test_repr / test_barrier
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            Repr(barrier).ShouldMatch(ReprPattern);
            Repr(barrier).ShouldEndWith("[filling, waiters:0/5]>");
            Str(Type(barrier)).ShouldBe("<class 'asyncio.locks.Barrier'>");

            var waiters = new List<IAwaitable>();
            const int incr = 2;
            for (int i = 0; i < incr; i++) waiters.Add(CreateTask(barrier.Wait()));
            await Sleep(0);
            Repr(barrier).ShouldMatch(ReprPattern);
            Repr(barrier).ShouldContain($"waiters:{incr}/{N}");
            Repr(barrier).ShouldContain("filling");

            for (int i = barrier.NWaiting; i < barrier.Parties; i++) waiters.Add(CreateTask(barrier.Wait()));
            await Sleep(0);
            Repr(barrier).ShouldMatch(ReprPattern);
            Repr(barrier).ShouldContain("draining");

            for (int i = 0; i < incr; i++) waiters.Add(CreateTask(barrier.Wait()));
            await Sleep(0);
            await barrier.Reset();
            Repr(barrier).ShouldMatch(ReprPattern);
            Repr(barrier).ShouldContain("resetting");

            for (int i = 0; i < incr; i++) waiters.Add(CreateTask(barrier.Wait()));
            await Sleep(0);
            await barrier.Abort();
            Repr(barrier).ShouldMatch(ReprPattern);
            Repr(barrier).ShouldEndWith("[broken]>");
            barrier.Broken.ShouldBeTrue();

            await Gather(waiters, returnExceptions: true);
        });
    }

    [Fact]
    public void Fewer_than_one_party_raises_CPythons_ValueError()
    {
        // test_locks.py: BarrierTests.test_barrier_parties
        Should.Throw<ValueError>(() => Barrier(0)).Message.ShouldBe("parties must be > 0");
        Should.Throw<ValueError>(() => Barrier(-4));
        Barrier(N).ShouldBeOfType<PyBarrier>();
        Barrier(N).Parties.ShouldBe(N);
    }

    [Fact]
    public void Each_party_gets_a_distinct_index()
    {
        // test_locks.py: BarrierTests.test_context_manager
        PyRun.Main(async () =>
        {
            var barrier = Barrier(3);
            var results = new List<int>();

            async Coroutine Coro()
            {
                var i = await barrier.Wait();
                results.Add(i);
            }

            await GatherTasks(3, Coro);
            results.Order().ShouldBe([0, 1, 2]);
            barrier.NWaiting.ShouldBe(0);
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void A_barrier_of_one_passes_at_once()
    {
        // test_locks.py: BarrierTests.test_filling_one_task
        PyRun.Main(async () =>
        {
            var barrier = Barrier(1);
            (await barrier.Wait()).ShouldBe(0);
            barrier.NWaiting.ShouldBe(0);
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void A_barrier_of_one_passes_twice_with_the_same_index()
    {
        // test_locks.py: BarrierTests.test_filling_one_task_twice
        PyRun.Main(async () =>
        {
            var barrier = Barrier(1);
            var t1 = CreateTask(barrier.Wait());
            await Sleep(0);
            barrier.NWaiting.ShouldBe(0);
            var t2 = CreateTask(barrier.Wait());
            await Sleep(0);
            t1.Result().ShouldBe(t2.Result());
            t1.Done().ShouldBe(t2.Done());
            barrier.NWaiting.ShouldBe(0);
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void NWaiting_counts_the_tasks_as_they_arrive()
    {
        // test_locks.py: BarrierTests.test_filling_task_by_task
        PyRun.Main(async () =>
        {
            var barrier = Barrier(3);
            var t1 = CreateTask(barrier.Wait());
            await Sleep(0);
            barrier.NWaiting.ShouldBe(1);
            Repr(barrier).ShouldContain("filling");

            var t2 = CreateTask(barrier.Wait());
            await Sleep(0);
            barrier.NWaiting.ShouldBe(2);
            Repr(barrier).ShouldContain("filling");

            var t3 = CreateTask(barrier.Wait());
            await Sleep(0);
            await Wait([t1, t2, t3]);
            barrier.NWaiting.ShouldBe(0);
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void Tasks_pass_the_same_barrier_twice()
    {
        // test_locks.py: BarrierTests.test_filling_tasks_wait_twice
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            var results = new List<bool>();

            async Coroutine Coro()
            {
                await barrier.Wait();
                results.Add(true);
                await barrier.Wait();
                results.Add(false);
            }

            await GatherTasks(N, Coro);
            results.Count.ShouldBe(N * 2);
            results.Count(r => r).ShouldBe(N);
            results.Count(r => !r).ShouldBe(N);
            barrier.NWaiting.ShouldBe(0);
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void The_second_pass_returns_every_index_once()
    {
        // test_locks.py: BarrierTests.test_filling_tasks_check_return_value
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            var results1 = new List<bool>();
            var results2 = new List<bool>();

            async Coroutine<int> Coro()
            {
                await barrier.Wait();
                results1.Add(true);
                var i = await barrier.Wait();
                results2.Add(true);
                return i;
            }

            var res = await GatherTasks(N, Coro);
            results1.Count.ShouldBe(N);
            results2.Count.ShouldBe(N);
            res.Order().ShouldBe(Enumerable.Range(0, N));
            barrier.NWaiting.ShouldBe(0);
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void The_barrier_drains_until_the_last_task_has_left()
    {
        // test_locks.py: BarrierTests.test_draining_state
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            var results = new List<bool>();

            async Coroutine Coro()
            {
                await barrier.Wait();
                results.Add(Repr(barrier).Contains("draining", StringComparison.Ordinal));
            }

            await GatherTasks(N, Coro);
            results.Count.ShouldBe(N);
            results[^1].ShouldBeFalse();
            results.Take(N - 1).ShouldAllBe(r => r);
            barrier.NWaiting.ShouldBe(0);
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void Tasks_arriving_while_the_barrier_drains_wait_for_the_next_round()
    {
        // test_locks.py: BarrierTests.test_blocking_tasks_while_draining
        PyRun.Main(async () =>
        {
            const int rewait = 2;
            var barrier = Barrier(N);
            var barrierNowaiting = Barrier(N - rewait);
            var rewaitN = rewait;

            async Coroutine Coro()
            {
                await barrier.Wait();
                if (rewaitN > 0)
                {
                    rewaitN--;
                    await barrier.Wait();
                }
                else
                {
                    await barrierNowaiting.Wait();
                    await barrier.Wait();
                }
            }

            await GatherTasks(N, Coro);
            barrier.NWaiting.ShouldBe(0);
            barrierNowaiting.NWaiting.ShouldBe(0);
        });
    }

    [Fact]
    public void A_task_cancelled_while_filling_leaves_the_barrier()
    {
        // test_locks.py: BarrierTests.test_filling_tasks_cancel_one
        PyRun.Main(async () =>
        {
            var barrier = Barrier(3);
            var results = new List<bool>();

            async Coroutine Coro()
            {
                await barrier.Wait();
                results.Add(true);
            }

            var t1 = CreateTask(Coro());
            await Sleep(0);
            barrier.NWaiting.ShouldBe(1);
            var t2 = CreateTask(Coro());
            await Sleep(0);
            barrier.NWaiting.ShouldBe(2);

            t1.Cancel();
            await Sleep(0);
            barrier.NWaiting.ShouldBe(1);
            await CoroutineTests.Catch<CancelledError>(async () => await t1);
            t1.Cancelled().ShouldBeTrue();

            var t3 = CreateTask(Coro());
            await Sleep(0);
            barrier.NWaiting.ShouldBe(2);
            var t4 = CreateTask(Coro());
            await Gather(t2, t3, t4);
            results.Count.ShouldBe(3);
            barrier.NWaiting.ShouldBe(0);
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void Resetting_an_empty_barrier_leaves_it_filling()
    {
        // test_locks.py: BarrierTests.test_reset_barrier
        PyRun.Main(async () =>
        {
            var barrier = Barrier(1);
            _ = CreateTask(barrier.Reset());
            await Sleep(0);
            barrier.NWaiting.ShouldBe(0);
            barrier.Broken.ShouldBeFalse();
            Repr(barrier).ShouldContain("filling");
        });
    }

    [Fact]
    public void Reset_raises_BrokenBarrierError_in_waiting_tasks()
    {
        // test_locks.py: BarrierTests.test_reset_barrier_while_tasks_waiting
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            var results = new List<string>();

            async Coroutine Coro()
            {
                try
                {
                    await barrier.Wait();
                }
                catch (BrokenBarrierError e)
                {
                    results.Add(e.Message);
                }
            }

            var tasks = MakeTasks(N - 1, Coro);
            await Sleep(0);
            _ = CreateTask(barrier.Reset());
            await Gather(tasks);
            results.ShouldBe(Enumerable.Repeat("Abort or reset of barrier", N - 1));
            barrier.NWaiting.ShouldBe(0);
            Repr(barrier).ShouldNotContain("resetting");
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void Reset_while_half_the_tasks_are_draining_breaks_only_the_waiting_ones()
    {
        // test_locks.py: BarrierTests.test_reset_barrier_when_tasks_half_draining
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            var results1 = new List<bool>();
            const int restOfTasks = N / 2;

            async Coroutine Coro()
            {
                try
                {
                    await barrier.Wait();
                }
                catch (BrokenBarrierError)
                {
                    results1.Add(true);
                    return;
                }
                if (restOfTasks == barrier.Count) await barrier.Reset();
            }

            await GatherTasks(N, Coro);
            results1.ShouldBe(Enumerable.Repeat(true, restOfTasks));
            barrier.NWaiting.ShouldBe(0);
            Repr(barrier).ShouldNotContain("resetting");
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void Reset_while_half_drain_and_half_block_lets_everyone_wait_again()
    {
        // test_locks.py: BarrierTests.test_reset_barrier_when_tasks_half_draining_half_blocking
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            var results1 = new List<bool>();
            var results2 = new List<bool>();
            const int blockingTasks = N / 2;
            var count = 0;

            async Coroutine Coro()
            {
                try
                {
                    await barrier.Wait();
                }
                catch (BrokenBarrierError)
                {
                    results1.Add(true);
                    await barrier.Wait();
                    return;
                }
                count++;
                if (count > blockingTasks)
                {
                    await barrier.Reset();
                    await barrier.Wait();
                }
                else
                {
                    try
                    {
                        await barrier.Wait();
                    }
                    catch (BrokenBarrierError)
                    {
                        results2.Add(true);
                    }
                }
            }

            await GatherTasks(N, Coro);
            results1.ShouldBe(Enumerable.Repeat(true, blockingTasks));
            results2.ShouldBeEmpty();
            barrier.NWaiting.ShouldBe(0);
            Repr(barrier).ShouldNotContain("resetting");
            barrier.Broken.ShouldBeFalse();
        });
    }

    [Fact]
    public void Tasks_broken_by_a_reset_can_wait_again()
    {
        // test_locks.py: BarrierTests.test_reset_barrier_while_tasks_waiting_and_waiting_again
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            var results1 = new List<bool>();
            var results2 = new List<bool>();

            async Coroutine Coro1()
            {
                try
                {
                    await barrier.Wait();
                }
                catch (BrokenBarrierError)
                {
                    results1.Add(true);
                }
                finally
                {
                    await barrier.Wait();
                    results2.Add(true);
                }
            }

            async Coroutine Coro2()
            {
                await barrier.Wait();
                results2.Add(true);
            }

            var tasks = MakeTasks(N - 1, Coro1);
            _ = CreateTask(barrier.Reset());
            await Sleep(0);
            _ = CreateTask(Coro2());
            await Gather(tasks);
            barrier.Broken.ShouldBeFalse();
            results1.Count.ShouldBe(N - 1);
            results2.Count.ShouldBe(N);
            barrier.NWaiting.ShouldBe(0);
        });
    }

    [Fact]
    public void Reset_by_the_last_task_out_does_not_break_the_next_round()
    {
        // test_locks.py: BarrierTests.test_reset_barrier_while_tasks_draining
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            var results1 = new List<bool>();
            var results2 = new List<bool>();
            var results3 = new List<bool>();
            var count = 0;

            async Coroutine Coro()
            {
                await barrier.Wait();
                count++;
                if (count == N)
                {
                    await barrier.Reset();
                    await barrier.Wait();
                }
                else
                {
                    try
                    {
                        await barrier.Wait();
                        results1.Add(true);
                    }
                    catch (Exception)
                    {
                        results2.Add(true);
                    }
                }
                await barrier.Wait();
                results3.Add(true);
            }

            await GatherTasks(N, Coro);
            barrier.Broken.ShouldBeFalse();
            results1.Count.ShouldBe(N - 1);
            results2.ShouldBeEmpty();
            results3.Count.ShouldBe(N);
            barrier.NWaiting.ShouldBe(0);
        });
    }

    [Fact]
    public void Abort_breaks_the_barrier()
    {
        // test_locks.py: BarrierTests.test_abort_barrier
        PyRun.Main(async () =>
        {
            var barrier = Barrier(1);
            _ = CreateTask(barrier.Abort());
            await Sleep(0);
            barrier.NWaiting.ShouldBe(0);
            barrier.Broken.ShouldBeTrue();
            var error = await CoroutineTests.Catch<BrokenBarrierError>(async () => await barrier.Wait());
            error.Message.ShouldBe("Barrier aborted");
        });
    }

    [Fact]
    public void Abort_while_half_drain_and_half_block_breaks_every_waiter()
    {
        // test_locks.py: BarrierTests.test_abort_barrier_when_tasks_half_draining_half_blocking
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            var results1 = new List<bool>();
            var results2 = new List<bool>();
            const int blockingTasks = N / 2;
            var count = 0;

            async Coroutine Coro()
            {
                try
                {
                    await barrier.Wait();
                }
                catch (BrokenBarrierError)
                {
                    results1.Add(true);
                    return;
                }
                count++;
                if (count > blockingTasks)
                {
                    await barrier.Abort();
                }
                else
                {
                    try
                    {
                        await barrier.Wait();
                    }
                    catch (BrokenBarrierError)
                    {
                        results2.Add(true);
                    }
                }
            }

            await GatherTasks(N, Coro);
            barrier.Broken.ShouldBeTrue();
            results1.ShouldBe(Enumerable.Repeat(true, blockingTasks));
            results2.ShouldBe(Enumerable.Repeat(true, N - blockingTasks - 1));
            barrier.NWaiting.ShouldBe(0);
            Repr(barrier).ShouldNotContain("resetting");
        });
    }

    [Fact]
    public void Abort_after_an_exception_in_one_party_breaks_the_others()
    {
        // test_locks.py: BarrierTests.test_abort_barrier_when_exception
        PyRun.Main(async () =>
        {
            var barrier = Barrier(N);
            var results1 = new List<bool>();
            var results2 = new List<bool>();

            async Coroutine Coro()
            {
                try
                {
                    var i = await barrier.Wait();
                    if (i == N / 2) throw new RuntimeError();
                    await barrier.Wait();
                    results1.Add(true);
                }
                catch (BrokenBarrierError)
                {
                    results2.Add(true);
                }
                catch (RuntimeError)
                {
                    await barrier.Abort();
                }
            }

            await GatherTasks(N, Coro);
            barrier.Broken.ShouldBeTrue();
            results1.ShouldBeEmpty();
            results2.Count.ShouldBe(N - 1);
            barrier.NWaiting.ShouldBe(0);
        });
    }

    [Fact]
    public void A_broken_barrier_reset_by_one_party_works_again()
    {
        // test_locks.py: BarrierTests.test_abort_barrier_when_exception_then_resetting
        PyRun.Main(async () =>
        {
            var barrier1 = Barrier(N);
            var barrier2 = Barrier(N);
            var results1 = new List<bool>();
            var results2 = new List<bool>();
            var results3 = new List<bool>();

            async Coroutine Coro()
            {
                try
                {
                    var i = await barrier1.Wait();
                    if (i == N / 2) throw new RuntimeError();
                    await barrier1.Wait();
                    results1.Add(true);
                }
                catch (BrokenBarrierError)
                {
                    results2.Add(true);
                }
                catch (RuntimeError)
                {
                    await barrier1.Abort();
                }

                var j = await barrier2.Wait();
                if (j == N / 2) await barrier1.Reset();
                await barrier2.Wait();
                await barrier1.Wait();
                results3.Add(true);
            }

            await GatherTasks(N, Coro);
            barrier1.Broken.ShouldBeFalse();
            results1.ShouldBeEmpty();
            results2.Count.ShouldBe(N - 1);
            results3.Count.ShouldBe(N);
            barrier1.NWaiting.ShouldBe(0);
        });
    }

    [Fact]
    public void BrokenBarrierError_is_a_RuntimeError_named_as_in_CPython()
    {
        // exceptions.py: class BrokenBarrierError(RuntimeError)
        var error = new BrokenBarrierError("Barrier aborted");
        error.ShouldBeAssignableTo<RuntimeError>();
        error.ShouldBeAssignableTo<InvalidOperationException>();
        Str(Type(error)).ShouldBe("<class 'asyncio.exceptions.BrokenBarrierError'>");
        Repr(error).ShouldBe("BrokenBarrierError('Barrier aborted')");
    }
}
