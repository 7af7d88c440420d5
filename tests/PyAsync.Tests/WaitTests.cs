using PyAsync.Tests.Support;
using static PyAsync.Asyncio;
using static PyAsync.Tests.GatherTests;

namespace PyAsync.Tests;

/// <summary>asyncio.wait (CPython: test_tasks.py test_wait*; src/PyAsync/Tasks).</summary>
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

    [Fact]
    public void Results_can_be_kept_in_sets_declared_with_a_base_type_and_passed_back()
    {
        // test_tasks.py test_wait_first_completed, written as ports write it: `done, pending = await asyncio.wait(pending, ...)` in a loop.
        var output = PyRun.Main(async () =>
        {
            var tasks = new List<PyTask<int>> { CreateTask(GatherTests.Delay(1)), CreateTask(GatherTests.Delay(2)) };
            HashSet<Future> done, pending;
            (done, pending) = await Wait(tasks, returnWhen: FirstCompleted);
            Print(done.Count, pending.Count, GetRunningLoop().Time());
            while (pending.Count > 0)
            {
                (done, pending) = await Wait(pending, returnWhen: FirstCompleted);
                Print(done.Count, pending.Count, GetRunningLoop().Time());
            }
            HashSet<PyTask> plain = [CreateTask(Sleep(1)), CreateTask(Sleep(3))];
            HashSet<PyTask> finished;
            (finished, plain) = await Wait(plain, returnWhen: FirstCompleted);
            Print(finished.Count, plain.Count);
        });
        output.Stdout.ShouldBe("1 1 1.0\n1 0 2.0\n1 1\n");
    }

    [Fact]
    public void The_coroutine_Wait_returns_is_named_Wait_in_its_repr_and_in_a_tasks()
    {
        // CPython: asyncio.wait is itself a coroutine function, so its coroutine reads <coroutine object wait ...>
        // and a task running it coro=<wait() ...>; PyAsync gives the C# name (it showed a private helper's).
        var output = PyRun.Main(async () =>
        {
            var t = CreateTask(Sleep(0));
            var coro = Wait([t]);
            Print(Repr(coro).Split(' ')[2]);
            var waiter = CreateTask(coro);
            Print(Repr(waiter));
            await waiter;
        });
        output.Stdout.ShouldBe("Wait\n<Task pending name='Task-3' coro=<Wait()>>\n");
    }
}
