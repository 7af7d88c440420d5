using System.Diagnostics;
using static PyAsync.Asyncio;

namespace PyAsync.Bench.Workloads;

/// <summary>
/// The PyAsync column: the workloads of bench/python/workloads.py, ported line for line.
/// </summary>
public static class PyAsyncWorkloads
{
    /// <summary>
    /// One run on the real clock. For the timer workloads (W4, W6) the same run follows on a virtual
    /// clock, whose time is the work without the waiting.
    /// </summary>
    public static Measurement Run(Workload workload, int n)
    {
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        double? perTask = null;
        long value = RunOn(workload, n, clock: null, ref perTask);
        double seconds = watch.Elapsed.TotalSeconds;
        long allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        double? virtualSeconds = null;
        if (workload == Workload.Timers || workload == Workload.Cancellation)
        {
            watch.Restart();
            double? ignored = null;
            if (RunOn(workload, n, new VirtualClock(), ref ignored) != value) throw new InvalidOperationException("virtual run differs");
            virtualSeconds = watch.Elapsed.TotalSeconds;
        }
        return new Measurement(seconds, value, n, perTask, AllocatedBytes: allocatedBytes, VirtualSeconds: virtualSeconds);
    }

    private static long RunOn(Workload workload, int n, TimeProvider? clock, ref double? perTask) => workload.Id switch
    {
        "W1" or "W5" => Asyncio.Run(Spawn(n), clock: clock),
        "W2" => Asyncio.Run(RoundTrips(n), clock: clock),
        "W3" => Split(Asyncio.Run(PendingMemory(n), clock: clock), out perTask),
        "W4" => Asyncio.Run(Timers(n), clock: clock),
        "W6" => Asyncio.Run(Cancellations(n), clock: clock),
        _ => throw new ArgumentOutOfRangeException(nameof(workload)),
    };

    private static long Split((long Value, double PerTask) outcome, out double? perTask)
    {
        perTask = outcome.PerTask;
        return outcome.Value;
    }

    private static long Sum(List<int> results)
    {
        long sum = 0;
        foreach (var r in results) sum += r;
        return sum;
    }

    // W1 spawn, W5 scale: n tasks, each awaits Sleep(0) once and returns 1; gathered.
    private static async Coroutine<int> OneYield()
    {
        await Sleep(0);
        return 1;
    }

    public static async Coroutine<long> Spawn(int n)
    {
        var tasks = new PyTask<int>[n];
        for (int i = 0; i < n; i++) tasks[i] = CreateTask(OneYield());
        return Sum(await Gather(tasks));
    }

    // W2 await round trip: one task awaits n fresh futures, each completed by a CallSoon callback.
    public static async Coroutine<long> RoundTrips(int n)
    {
        var loop = GetRunningLoop();
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            var fut = loop.CreateFuture<int>();
            loop.CallSoon(static f => f.SetResult(1), fut);
            total += await fut;
        }
        return total;
    }

    // W3 memory: n tasks each waiting on one shared pending future; bytes per pending task.
    private static async Coroutine<int> WaitShared(Future<int> shared) => await shared;

    public static async Coroutine<(long, double)> PendingMemory(int n)
    {
        var loop = GetRunningLoop();
        var shared = loop.CreateFuture<int>();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var tasks = new PyTask<int>[n];
        for (int i = 0; i < n; i++) tasks[i] = CreateTask(WaitShared(shared));
        await Sleep(0); // every task has run its first step and waits on the shared future
        double perTask = (double)(GC.GetTotalMemory(forceFullCollection: true) - before) / n;
        shared.SetResult(1);
        return (Sum(await Gather(tasks)), perTask);
    }

    // W4 timers: n concurrent Sleeps of random length in [0, 0.2] s, gathered.
    private static async Coroutine<int> Sleeper(double delay)
    {
        await Sleep(delay);
        return 1;
    }

    public static async Coroutine<long> Timers(int n)
    {
        var rng = new Random(42);
        var sleepers = new Coroutine<int>[n];
        for (int i = 0; i < n; i++) sleepers[i] = Sleeper(rng.NextDouble() * Workload.TimersFloorSeconds);
        return Sum(await Gather(sleepers));
    }

    // W6 cancellation: n tasks each in WaitFor(Sleep(10), 0.001); counts the TimeoutErrors.
    private static async Coroutine<int> Guarded()
    {
        try
        {
            await WaitFor(Sleep(10), Workload.CancellationTimeoutSeconds);
            return 0;
        }
        catch (TimeoutError)
        {
            return 1;
        }
    }

    public static async Coroutine<long> Cancellations(int n)
    {
        var tasks = new PyTask<int>[n];
        for (int i = 0; i < n; i++) tasks[i] = CreateTask(Guarded());
        return Sum(await Gather(tasks));
    }
}
