using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.AsCompletedOrder;

public static class Program
{
    static async Coroutine<int> Delay(int seconds)
    {
        await Sleep(seconds);
        return seconds;
    }

    static async Coroutine Main()
    {
        var tasks = new[] { 3, 1, 4, 2 }.Select(s => CreateTask(Delay(s))).ToList();
        foreach (var coro in AsCompleted(tasks))
        {
            var result = await coro;
            Print($"got {result} at {Str(GetRunningLoop().Time())}");
        }
        Print(tasks.Select(t => t.Result()).ToList());
    }

    public static void Entry() => Run(Main());
}
