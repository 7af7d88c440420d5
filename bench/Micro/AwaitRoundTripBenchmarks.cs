using BenchmarkDotNet.Attributes;
using PyAsync.Bench.Workloads;

namespace PyAsync.Bench.Micro;

/// <summary>
/// W2 under BenchmarkDotNet with its memory diagnoser: the allocations of one await round trip (a
/// fresh future, completed by a <c>CallSoon</c> callback, awaited by one task), PyAsync against the
/// hand-written single-threaded TPL equivalent. One invocation runs <see cref="Awaits"/> round trips
/// on a loop created once, so the figures are per await.
/// </summary>
[MemoryDiagnoser]
public class AwaitRoundTripBenchmarks
{
    public const int Awaits = 100_000;

    private EventLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop(TimeProvider.System);

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    [Benchmark(OperationsPerInvoke = Awaits)]
    public long PyAsync() => _loop.RunUntilComplete(PyAsyncWorkloads.RoundTrips(Awaits));

    [Benchmark(OperationsPerInvoke = Awaits)]
    public long TplSingleThread() => SingleThreadContext.Run(() => TplWorkloads.RoundTrips(Awaits));

    /// <summary>The size of the future W2 awaits: a <c>Future&lt;int&gt;</c>.</summary>
    public static long FutureSize()
    {
        var loop = new EventLoop(TimeProvider.System);
        const int count = 10_000;
        var keep = new Future<int>[count];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++) keep[i] = loop.CreateFuture<int>();
        long after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(keep);
        loop.Close();
        return (after - before) / count;
    }

    /// <summary>
    /// The size of the <c>Handle</c> W2's <c>CallSoon(callback, future)</c> returns (CPython's
    /// <c>call_soon</c> allocates one too), measured once the ready queue has grown to hold them.
    /// </summary>
    public static long HandleSize()
    {
        var loop = new EventLoop(TimeProvider.System);
        const int count = 10_000;
        var future = loop.CreateFuture<int>();
        long bytes = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < count; i++) loop.CallSoon(static _ => { }, future);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            loop.CallSoon(loop.Stop);
            loop.RunForever();
        }
        loop.Close();
        return bytes / count;
    }
}
