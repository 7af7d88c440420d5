using Xunit.Abstractions;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Memory after bursts (issue 11, defect 5): the loop's ready queue, timer heap, pending-task registry
/// and thread-safe inbox give a burst's memory back once it is over, while the loop runs on and after
/// <c>Run</c> returns, without shrinking and regrowing under a steady load (src/PyAsync/Runtime/Capacity.cs;
/// CPython's deque and lists shrink as they empty, so it has no such test).
/// </summary>
public class MemoryTests
{
    private const int ReadyKeep = 4096, TimersKeep = 1024, TasksKeep = 4096, InboxKeep = 1024;

    [Fact]
    [Trait("Category", StressScale.Category)]
    public void A_burst_of_callbacks_timers_and_tasks_is_given_back_while_the_loop_runs_on()
    {
        int callbacks = StressScale.Pick(100_000, 1_000_000), timers = StressScale.Pick(20_000, 200_000), tasks = StressScale.Pick(20_000, 200_000);
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            int ran = 0;
            for (int i = 0; i < callbacks; i++) loop.CallSoon(() => ran++);
            for (int i = 0; i < timers; i++) loop.CallLater(0.001 * (i % 100), () => ran++);
            var spawned = new List<PyTask>(tasks);
            for (int i = 0; i < tasks; i++) spawned.Add(CreateTask(Sleep(0.5)));
            var during = loop.BufferSlots;
            await Gather(spawned);
            spawned.Clear();
            // Two idle moments after the burst: the first starts a new peak, the second trims.
            await Sleep(1);
            await Sleep(1);
            return (ran, during, after: loop.BufferSlots);
        });
        result.ran.ShouldBe(callbacks + timers);
        result.during.Ready.ShouldBeGreaterThanOrEqualTo(callbacks, "the burst grew the ready queue");
        result.during.Tasks.ShouldBeGreaterThanOrEqualTo(tasks);
        result.after.Ready.ShouldBeLessThanOrEqualTo(ReadyKeep);
        result.after.Timers.ShouldBeLessThanOrEqualTo(TimersKeep);
        result.after.Tasks.ShouldBeLessThanOrEqualTo(TasksKeep);
    }

    [Fact]
    public void A_flood_from_other_threads_is_given_back_too()
    {
        const int threads = 4, calls = 25_000;
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            int ran = 0;
            var all = loop.CreateFuture();
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                for (int i = 0; i < calls; i++)
                    loop.CallSoonThreadsafe(() => { if (++ran == threads * calls) all.SetResult(null); });
            })).ToList();
            // Threads start before the loop next looks at its inbox: the posts pile up there.
            loop.CallSoon(() => { workers.ForEach(w => w.Start()); workers.ForEach(w => w.Join()); });
            await all;
            int during = loop.BufferSlots.Inbox;
            await Sleep(1);
            await Sleep(1);
            return (ran, during, after: loop.BufferSlots.Inbox);
        });
        result.ran.ShouldBe(threads * calls);
        result.during.ShouldBeGreaterThan(InboxKeep, "the flood grew the inbox");
        result.after.ShouldBeLessThanOrEqualTo(InboxKeep);
    }

    [Fact]
    public void A_loop_that_never_waits_trims_every_few_thousand_iterations()
    {
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            await Gather(Enumerable.Range(0, 100_000).Select(_ => CreateTask(Sleep(0))).ToList());
            var grown = loop.BufferSlots.Tasks;
            // Sleep(0) never lets the loop wait: only the iteration count brings trim points.
            for (int i = 0; i < 3 * 4096; i++) await Sleep(0);
            return (grown, after: loop.BufferSlots.Tasks);
        });
        result.grown.ShouldBeGreaterThanOrEqualTo(100_000);
        result.after.ShouldBeLessThanOrEqualTo(TasksKeep);
    }

    [Fact]
    public void A_steady_load_keeps_its_buffers_instead_of_shrinking_and_regrowing()
    {
        var (lengths, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var seen = new List<int>();
            for (int tick = 0; tick < 10; tick++)
            {
                for (int i = 0; i < 50_000; i++) loop.CallLater(0.001, static () => { });
                await Sleep(0.01);
                seen.Add(loop.BufferSlots.Timers);
            }
            return seen;
        });
        lengths.Distinct().Count().ShouldBe(1, $"the timer heap's length changed under a steady load: {string.Join(", ", lengths)}");
        lengths[0].ShouldBeGreaterThanOrEqualTo(50_000);
    }

    [Fact]
    public void The_ready_queue_gives_a_burst_back_as_it_drains()
    {
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            for (int i = 0; i < 100_000; i++) loop.CallSoon(static () => { });
            int grown = loop.BufferSlots.Ready;
            await Sleep(0);
            await Sleep(0);
            return (grown, drained: loop.BufferSlots.Ready);
        });
        result.grown.ShouldBeGreaterThanOrEqualTo(100_000);
        result.drained.ShouldBeLessThanOrEqualTo(ReadyKeep);
    }

    [Fact]
    public void A_loop_waiting_for_real_time_comes_back_to_trim_after_a_burst()
    {
        // The loop waits on an executor job (real time, even on the virtual clock). The job ends only
        // once the loop has trimmed its task registry, which the loop does after at most one second of
        // waiting; without that bounded wait the job gives up after 30 s and the test fails.
        var (trimmed, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            await Gather(Enumerable.Range(0, 100_000).Select(_ => CreateTask(Sleep(0))).ToList());
            return await ToThread(() => SpinWait.SpinUntil(() => loop.BufferSlots.Tasks <= TasksKeep, TimeSpan.FromSeconds(30)));
        });
        trimmed.ShouldBeTrue();
    }
}

/// <summary>The tests that read the process's heap run alone, so that other tests' allocations do not blur them.</summary>
[CollectionDefinition(nameof(HeapMeasurements), DisableParallelization = true)]
public class HeapMeasurements;

/// <summary>
/// The heap after bursts, measured alone (issue 11's loads; CI size a tenth): a million tasks in one
/// <c>Run</c>, and a million callbacks with 200,000 timers. The heap must come back near its baseline
/// inside a loop that runs on after the burst, and to it once <c>Run</c> returns.
/// </summary>
[Collection(nameof(HeapMeasurements))]
public class HeapAfterBurstTests(ITestOutputHelper output)
{
    // What may stay of a burst: the loop's kept buffers, the BCL's own pools, the runtime's jitted code data.
    private const long Slack = 2 * 1024 * 1024;

    private static async Coroutine<int> Job(int i)
    {
        await Sleep(0);
        return i & 1;
    }

    private static string Signed(long bytes) => (bytes < 0 ? "-" : "+") + (Math.Abs(bytes) / 1048576.0).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    private static long HeapAfterFullCollection()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// Runs <paramref name="burst"/> and then two idle moments in one <c>Run</c>, and checks the heap there
    /// and after <c>Run</c> against the baseline.
    /// </summary>
    private T MeasureAround<T>(string load, Func<Coroutine<T>> burst)
    {
        PyRun.Main(async () => await Job(0)); // warm up: statics and jitted code are not the burst's
        long baseline = HeapAfterFullCollection();
        long inLoop = 0;
        var (result, _) = PyRun.Main(async () =>
        {
            var value = await burst();
            await Sleep(1);
            await Sleep(1);
            inLoop = HeapAfterFullCollection();
            return value;
        });
        long after = HeapAfterFullCollection();
        output.WriteLine($"{load}: heap baseline {baseline / 1048576.0:F1} MB, in the loop after the burst {Signed(inLoop - baseline)} MB, after Run {Signed(after - baseline)} MB");
        (inLoop - baseline).ShouldBeLessThan(Slack, $"the running loop still holds {(inLoop - baseline) / 1048576.0:F1} MB after {load}");
        (after - baseline).ShouldBeLessThan(Slack, $"{(after - baseline) / 1048576.0:F1} MB stayed after Run returned ({load})");
        return result;
    }

    [Fact]
    [Trait("Category", StressScale.Category)]
    public void A_million_tasks_in_one_Run_all_finish_and_the_heap_returns_to_its_baseline()
    {
        int count = StressScale.Pick(100_000, 1_000_000);
        var tasks = new PyTask<int>[count]; // allocated before the baseline: it is the test's, not the loop's
        int sum = MeasureAround($"{count:N0} tasks", async () =>
        {
            for (int i = 0; i < count; i++) tasks[i] = CreateTask(Job(i));
            int total = 0;
            foreach (var t in tasks) total += await t;
            bool allDone = tasks.All(t => t.Done());
            Array.Clear(tasks);
            return allDone ? total : -1;
        });
        sum.ShouldBe(count / 2);
    }

    [Fact]
    [Trait("Category", StressScale.Category)]
    public void A_million_callbacks_and_200000_timers_leave_the_heap_near_its_baseline()
    {
        int callbacks = StressScale.Pick(100_000, 1_000_000), timers = StressScale.Pick(20_000, 200_000);
        int ran = MeasureAround($"{callbacks:N0} callbacks and {timers:N0} timers", async () =>
        {
            var loop = GetRunningLoop();
            int count = 0;
            for (int i = 0; i < callbacks; i++) loop.CallSoon(() => count++);
            for (int i = 0; i < timers; i++) loop.CallLater(0.001 * (i % 1000), () => count++);
            await Sleep(1.5);
            return count;
        });
        ran.ShouldBe(callbacks + timers);
    }
}
