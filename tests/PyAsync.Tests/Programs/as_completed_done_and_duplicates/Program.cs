using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.AsCompletedDoneAndDuplicates;

public static class Program
{
    static async Coroutine<int> Delay(int seconds)
    {
        await Sleep(seconds);
        return seconds;
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var ready = loop.CreateFuture<int>();
        ready.SetResult(0);
        var slow = CreateTask(Delay(2));
        var fast = CreateTask(Delay(1));
        // duplicates count once, and a future already done comes first
        foreach (var coro in AsCompleted(new Future<int>[] { slow, ready, fast, slow }))
        {
            Print(await coro, loop.Time());
        }
    }

    public static void Entry() => Run(Main());
}
