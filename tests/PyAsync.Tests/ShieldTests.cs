using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.shield (CPython: test_tasks.py test_shield_*; src/PyAsync/Tasks).</summary>
public class ShieldTests
{
    [Fact]
    public void Shield_passes_the_result_through()
    {
        // test_tasks.py BaseTaskTests.test_shield_result
        var (result, _) = PyRun.Main(async () => await Shield(GatherTests.Delay(1)));
        result.ShouldBe(1);
    }

    [Fact]
    public void Shield_passes_the_exception_through()
    {
        // test_tasks.py BaseTaskTests.test_shield_exception
        PyRun.Main(async () =>
        {
            var e = await CoroutineTests.Catch<ValueError>(async () => await Shield(GatherTests.Fail(1, "inner")));
            e.Message.ShouldBe("inner");
        });
    }

    [Fact]
    public void Cancelling_the_outer_future_leaves_the_inner_one_running()
    {
        // test_tasks.py BaseTaskTests.test_shield_cancel_outer / test_shield_effect
        PyRun.Main(async () =>
        {
            var inner = CreateTask(GatherTests.Delay(2));
            var outer = Shield(inner);
            outer.Cancel().ShouldBeTrue();
            await CoroutineTests.Catch<CancelledError>(async () => await outer);
            inner.Cancelled().ShouldBeFalse();
            (await inner).ShouldBe(2);
        });
    }

    [Fact]
    public void Cancelling_the_caller_cancels_only_the_outer_future()
    {
        // test_tasks.py BaseTaskTests.test_shield_effect (the proof: the shielded work still finishes)
        var finished = new List<double>();
        PyRun.Main(async () =>
        {
            var inner = CreateTask(Work());
            var caller = CreateTask(Caller(inner));
            await Sleep(1);
            caller.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await caller);
            await inner;

            async Coroutine Work()
            {
                await Sleep(3);
                finished.Add(GetRunningLoop().Time());
            }
        });
        finished.ShouldBe([3]);

        static async Coroutine Caller(PyTask inner) => await Shield(inner);
    }

    [Fact]
    public void Cancelling_the_inner_task_cancels_the_outer_future()
    {
        // test_tasks.py BaseTaskTests.test_shield_cancel_inner
        PyRun.Main(async () =>
        {
            var inner = CreateTask(GatherTests.Delay(5));
            var outer = Shield(inner);
            await Sleep(0);
            inner.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await outer);
            outer.Cancelled().ShouldBeTrue();
        });
    }

    [Fact]
    public void Shielding_a_finished_future_returns_it()
    {
        // test_tasks.py BaseTaskTests.test_shield_shortcut
        PyRun.Main(async () =>
        {
            var done = GetRunningLoop().CreateFuture<int>();
            done.SetResult(42);
            Shield(done).ShouldBeSameAs(done);
            (await Shield(done)).ShouldBe(42);
        });
    }

    [Fact]
    public void Gather_of_shielded_tasks_and_shield_of_a_gather()
    {
        // test_tasks.py BaseTaskTests.test_gather_shield / test_shield_gather
        PyRun.Main(async () =>
        {
            var a = CreateTask(GatherTests.Delay(1));
            var b = CreateTask(GatherTests.Delay(2));
            var outer = Gather(Shield(a), Shield(b));
            await Sleep(0);
            outer.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await outer);
            (await a).ShouldBe(1);
            (await b).ShouldBe(2);

            var c = CreateTask(GatherTests.Delay(1));
            var d = CreateTask(GatherTests.Delay(2));
            var shielded = Shield(Gather(c, d));
            shielded.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await shielded);
            Str(await Gather(c, d)).ShouldBe("[1, 2]");
        });
    }
}
