using System.Diagnostics;
using System.Threading.Channels;

namespace PyAsync.Bench.Workloads;

/// <summary>Where the hand-written TPL column runs.</summary>
public enum TplMode
{
    /// <summary>On a <see cref="SingleThreadContext"/>: the conditions PyAsync runs under.</summary>
    SingleThread,
    /// <summary>On the default thread pool (no synchronization context), both cores.</summary>
    ThreadPool,
    /// <summary>In Nito.AsyncEx's <c>AsyncContext.Run</c>: the single-threaded context a .NET developer would pick.</summary>
    AsyncContext,
}

/// <summary>
/// The TPL columns: the same workloads written as a .NET developer would without PyAsync, with
/// <c>async Task</c> methods, <see cref="Task.Yield"/>, <see cref="TaskCompletionSource{TResult}"/>,
/// <see cref="Task.Delay(TimeSpan)"/>, <see cref="Task.WhenAll{TResult}(Task{TResult}[])"/> and
/// <see cref="Task.WaitAsync(TimeSpan)"/>; W7 with a bounded <see cref="Channel{T}"/>, W8 with a
/// <see cref="SemaphoreSlim"/> of one (Nito.AsyncEx's <c>AsyncLock</c> is <see cref="AsyncExWorkloads"/>);
/// W9 and W10 with sockets (<see cref="TplNetworkWorkloads"/>), measured on the thread pool only.
/// </summary>
public static class TplWorkloads
{
    public static Measurement Run(Workload workload, int n, TplMode mode)
    {
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        double? perTask = null;
        long value = workload.Id switch
        {
            "W1" or "W5" => Start(() => Spawn(n), mode),
            "W2" => Start(() => RoundTrips(n), mode),
            "W3" => Split(Start(() => PendingMemory(n), mode), out perTask),
            "W4" => Start(() => Timers(n), mode),
            "W6" => Start(() => Cancellations(n), mode),
            "W7" => Start(() => QueuePass(n), mode),
            "W8" => Start(() => LockContention(n), mode),
            "W9" => Start(() => TplNetworkWorkloads.Echo(n), mode),
            "W10" => Start(() => TplNetworkWorkloads.Bulk(n), mode),
            _ => throw new ArgumentOutOfRangeException(nameof(workload)),
        };
        double seconds = watch.Elapsed.TotalSeconds;
        return new Measurement(seconds, value, workload.Expected(n), perTask, AllocatedBytes: GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    /// <summary>Runs <paramref name="main"/> on a <see cref="SingleThreadContext"/>, in Nito's <c>AsyncContext</c>, or on the thread pool.</summary>
    internal static T Start<T>(Func<Task<T>> main, TplMode mode) => mode switch
    {
        TplMode.SingleThread => SingleThreadContext.Run(main),
        TplMode.AsyncContext => Nito.AsyncEx.AsyncContext.Run(main),
        _ => Task.Run(main).GetAwaiter().GetResult(),
    };

    private static long Split((long Value, double PerTask) outcome, out double? perTask)
    {
        perTask = outcome.PerTask;
        return outcome.Value;
    }

    private static long Sum(int[] results)
    {
        long sum = 0;
        foreach (var r in results) sum += r;
        return sum;
    }

    // W1 spawn, W5 scale.
    private static async Task<int> OneYield()
    {
        await Task.Yield();
        return 1;
    }

    public static async Task<long> Spawn(int n)
    {
        var tasks = new Task<int>[n];
        for (int i = 0; i < n; i++) tasks[i] = OneYield();
        return Sum(await Task.WhenAll(tasks));
    }

    // W2 await round trip: the callback is posted to the context (the thread pool without one).
    public static async Task<long> RoundTrips(int n)
    {
        var context = SynchronizationContext.Current;
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            var source = new TaskCompletionSource<int>();
            if (context is not null) context.Post(static s => ((TaskCompletionSource<int>)s!).SetResult(1), source);
            else ThreadPool.UnsafeQueueUserWorkItem(static s => s.SetResult(1), source, preferLocal: true);
            total += await source.Task;
        }
        return total;
    }

    // W3 memory.
    private static async Task<int> WaitShared(Task<int> shared) => await shared;

    public static async Task<(long, double)> PendingMemory(int n)
    {
        var shared = new TaskCompletionSource<int>();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var tasks = new Task<int>[n];
        for (int i = 0; i < n; i++) tasks[i] = WaitShared(shared.Task);
        double perTask = (double)(GC.GetTotalMemory(forceFullCollection: true) - before) / n;
        shared.SetResult(1);
        return (Sum(await Task.WhenAll(tasks)), perTask);
    }

    // W4 timers.
    private static async Task<int> Sleeper(double delay)
    {
        await Task.Delay(TimeSpan.FromSeconds(delay));
        return 1;
    }

    public static async Task<long> Timers(int n)
    {
        var rng = new Random(42);
        var sleepers = new Task<int>[n];
        for (int i = 0; i < n; i++) sleepers[i] = Sleeper(rng.NextDouble() * Workload.TimersFloorSeconds);
        return Sum(await Task.WhenAll(sleepers));
    }

    // W6 cancellation: wait_for's contract by hand. On timeout the inner delay is cancelled and
    // awaited until it has really finished, then the timeout counts.
    private static async Task<int> Guarded()
    {
        using var cancellation = new CancellationTokenSource();
        var inner = Task.Delay(TimeSpan.FromSeconds(10), cancellation.Token);
        try
        {
            await inner.WaitAsync(TimeSpan.FromSeconds(Workload.CancellationTimeoutSeconds));
            return 0;
        }
        catch (TimeoutException)
        {
            cancellation.Cancel();
            try { await inner; } catch (OperationCanceledException) { }
            return 1;
        }
    }

    public static async Task<long> Cancellations(int n)
    {
        var tasks = new Task<int>[n];
        for (int i = 0; i < n; i++) tasks[i] = Guarded();
        return Sum(await Task.WhenAll(tasks));
    }

    // W7 queue: a bounded channel of the same capacity, one writer task, one reader task. The options
    // a developer who knows Channels would set: one reader and one writer (which lets the channel
    // skip work where it can), continuations not run inline (the default, as asyncio's futures).
    // WriteAsync/ReadAsync complete synchronously while there is room or an item, as Put/Get do.
    private static async Task Producer(ChannelWriter<int> writer, int n)
    {
        for (int i = 0; i < n; i++)
            await writer.WriteAsync(i);
    }

    private static async Task<long> Consumer(ChannelReader<int> reader, int n)
    {
        long total = 0;
        for (int i = 0; i < n; i++)
            total += await reader.ReadAsync();
        return total;
    }

    public static async Task<long> QueuePass(int n)
    {
        var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(Workload.QueueMaxsize)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var consuming = Consumer(channel.Reader, n);
        var producing = Producer(channel.Writer, n);
        await producing;
        return await consuming;
    }

    // W8 lock: SemaphoreSlim(1, 1) as the lock, held across one Task.Yield.
    private static async Task Locker(SemaphoreSlim semaphore, long[] counter, int k)
    {
        for (int i = 0; i < k; i++)
        {
            await semaphore.WaitAsync();
            try
            {
                long value = counter[0];
                await Task.Yield();
                counter[0] = value + 1;
            }
            finally
            {
                semaphore.Release();
            }
        }
    }

    public static async Task<long> LockContention(int n)
    {
        using var semaphore = new SemaphoreSlim(1, 1);
        var counter = new long[1];
        int k = n / Workload.LockTasks;
        var tasks = new Task[Workload.LockTasks];
        for (int i = 0; i < tasks.Length; i++) tasks[i] = Locker(semaphore, counter, k);
        await Task.WhenAll(tasks);
        return counter[0];
    }
}
