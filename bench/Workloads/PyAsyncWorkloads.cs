using System.Diagnostics;
using static PyAsync.Asyncio;

namespace PyAsync.Bench.Workloads;

/// <summary>
/// The PyAsync column: the workloads of bench/python/workloads.py, ported line for line. W9 and W10 use
/// PyAsync's streams (<c>StartServer</c>, <c>OpenConnection</c>), in bench/Workloads/PyAsyncIoWorkloads.cs.
/// </summary>
public static partial class PyAsyncWorkloads
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
        return new Measurement(seconds, value, workload.Expected(n), perTask, AllocatedBytes: allocatedBytes, VirtualSeconds: virtualSeconds);
    }

    private static long RunOn(Workload workload, int n, TimeProvider? clock, ref double? perTask) => workload.Id switch
    {
        "W1" or "W5" => Asyncio.Run(Spawn(n), clock: clock),
        "W1P" => Asyncio.Run(PorterShaped.Spawn(n), clock: clock),
        "W1C" => Asyncio.Run(PorterShaped.SpawnCoroutines(n), clock: clock),
        "W2" => Asyncio.Run(RoundTrips(n), clock: clock),
        "W2P" => Asyncio.Run(PorterShaped.RoundTrips(n), clock: clock),
        "W3" => Split(Asyncio.Run(PendingMemory(n), clock: clock), out perTask),
        "W4" => Asyncio.Run(Timers(n), clock: clock),
        "W6" => Asyncio.Run(Cancellations(n), clock: clock),
        "W7" => Asyncio.Run(QueuePass(n), clock: clock),
        "W8" => Asyncio.Run(LockContention(n), clock: clock),
        "W9" or "W10" => Streams(workload, n),
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

    /// <summary>
    /// W1 and W2 written as a porter writes the Python, not as a benchmark would: lists, LINQ,
    /// closures. PyAsync must run them nearly as fast as the best-case code above.
    /// </summary>
    public static class PorterShaped
    {
        // tasks = [asyncio.create_task(one_yield()) for _ in range(n)]
        // return sum(await asyncio.gather(*tasks))
        public static async Coroutine<long> Spawn(int n)
        {
            var tasks = new List<PyTask<int>>();
            for (int i = 0; i < n; i++)
                tasks.Add(CreateTask(OneYield()));
            var results = await Gather(tasks);
            return results.Sum();
        }

        // return sum(await asyncio.gather(*[one_yield() for _ in range(n)]))
        public static async Coroutine<long> SpawnCoroutines(int n)
        {
            var coros = new List<Coroutine<int>>();
            for (int i = 0; i < n; i++)
                coros.Add(OneYield());
            return (await Gather(coros)).Sum();
        }

        // fut = loop.create_future(); loop.call_soon(fut.set_result, 1); total += await fut
        public static async Coroutine<long> RoundTrips(int n)
        {
            var loop = GetRunningLoop();
            long total = 0;
            for (int i = 0; i < n; i++)
            {
                var fut = loop.CreateFuture<int>();
                loop.CallSoon(() => fut.SetResult(1));
                total += await fut;
            }
            return total;
        }
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

    // W7 queue: items 0 .. n-1 through one Queue(maxsize: 100), one producer task, one consumer task.
    private static async Coroutine Producer(PyQueue<int> q, int n)
    {
        for (int i = 0; i < n; i++)
            await q.Put(i);
    }

    private static async Coroutine<long> Consumer(PyQueue<int> q, int n)
    {
        long total = 0;
        for (int i = 0; i < n; i++)
            total += await q.Get();
        return total;
    }

    public static async Coroutine<long> QueuePass(int n)
    {
        var q = Queue<int>(maxsize: Workload.QueueMaxsize);
        var consuming = CreateTask(Consumer(q, n));
        var producing = CreateTask(Producer(q, n));
        await producing;
        return await consuming;
    }

    // W8 lock: 100 tasks take one Lock n/100 times each, holding it across one Sleep(0).
    private static async Coroutine Locker(PyLock lk, long[] counter, int k)
    {
        for (int i = 0; i < k; i++)
        {
            using (await lk.Acquire())
            {
                long value = counter[0];
                await Sleep(0);
                counter[0] = value + 1;
            }
        }
    }

    public static async Coroutine<long> LockContention(int n)
    {
        var lk = Lock();
        var counter = new long[1];
        int k = n / Workload.LockTasks;
        var tasks = new PyTask[Workload.LockTasks];
        for (int i = 0; i < tasks.Length; i++) tasks[i] = CreateTask(Locker(lk, counter, k));
        await Gather(tasks);
        return counter[0];
    }
}
