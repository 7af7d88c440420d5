// The barrier chapter: three workers meet at a Barrier after each of two phases, and the party
// that gets index 0 from wait() announces the phase. Then a barrier that never fills is aborted:
// its waiters, and later callers, get BrokenBarrierError until reset(). Barrier(0) is a ValueError.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 13, "barrier_abort", Title = "workers in phases at a Barrier; abort, BrokenBarrierError, reset")]
public static class BarrierAbortExample
{
    static async Coroutine Worker(string name, PyBarrier barrier, double work)
    {
        for (var phase = 0; phase < 2; phase++)
        {
            await Sleep(work);
            Print($"{name} finished phase {phase}, waiting ({barrier.NWaiting} already waiting)");
            var index = await barrier.Wait();
            if (index == 0)
                Print($"-- all {barrier.Parties} passed phase {phase}");
        }
    }

    static async Coroutine Stuck(string name, PyBarrier barrier)
    {
        try
        {
            await barrier.Wait();
        }
        catch (BrokenBarrierError)
        {
            Print($"{name}: BrokenBarrierError");
        }
    }

    static async Coroutine Main()
    {
        var barrier = Barrier(3);
        double[] work = [0.3, 0.1, 0.2];
        await Gather(work.Select((w, i) => Worker($"worker-{i}", barrier, w)));
        Print(barrier);

        // Only two of three parties arrive; the barrier is aborted instead
        barrier = Barrier(3);
        var tasks = Enumerable.Range(0, 2).Select(i => CreateTask(Stuck($"stuck-{i}", barrier))).ToList();
        await Sleep(1);
        Print(barrier);
        await barrier.Abort();
        await Gather(tasks);
        Print(barrier, barrier.Broken);
        try
        {
            await barrier.Wait();
        }
        catch (BrokenBarrierError)
        {
            Print("wait() on a broken barrier: BrokenBarrierError");
        }

        await barrier.Reset();
        Print(barrier, barrier.Broken);

        try
        {
            Barrier(0);
        }
        catch (ValueError e)
        {
            Print("ValueError:", e);
        }
    }

    public static void Entry() => Run(Main());
}
