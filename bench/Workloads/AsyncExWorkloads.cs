using System.Diagnostics;
using Nito.AsyncEx;

namespace PyAsync.Bench.Workloads;

/// <summary>
/// The AsyncLock columns of W8: the TPL column's lock contention with Nito.AsyncEx.Coordination's
/// <see cref="AsyncLock"/> (<c>using (await mutex.LockAsync())</c>) in place of a <see cref="SemaphoreSlim"/>,
/// on the same <see cref="SingleThreadContext"/> or on the thread pool.
/// </summary>
public static class AsyncExWorkloads
{
    public static Measurement Run(Workload workload, int n, TplMode mode)
    {
        if (workload != Workload.Lock) throw new ArgumentOutOfRangeException(nameof(workload), $"{workload.Id} has no AsyncLock column");
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        long value = TplWorkloads.Start(() => LockContention(n), mode);
        double seconds = watch.Elapsed.TotalSeconds;
        return new Measurement(seconds, value, workload.Expected(n), AllocatedBytes: GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static async Task Locker(AsyncLock mutex, long[] counter, int k)
    {
        for (int i = 0; i < k; i++)
        {
            using (await mutex.LockAsync())
            {
                long value = counter[0];
                await Task.Yield();
                counter[0] = value + 1;
            }
        }
    }

    public static async Task<long> LockContention(int n)
    {
        var mutex = new AsyncLock();
        var counter = new long[1];
        int k = n / Workload.LockTasks;
        var tasks = new Task[Workload.LockTasks];
        for (int i = 0; i < tasks.Length; i++) tasks[i] = Locker(mutex, counter, k);
        await Task.WhenAll(tasks);
        return counter[0];
    }
}
