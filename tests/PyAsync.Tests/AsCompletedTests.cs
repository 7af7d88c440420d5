using PyAsync.Tests.Support;
using static PyAsync.Asyncio;
using static PyAsync.Tests.GatherTests;

namespace PyAsync.Tests;

/// <summary>asyncio.as_completed, the 3.13 iterator (CPython: test_tasks.py test_as_completed*; src/PyAsync/Tasks).</summary>
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
