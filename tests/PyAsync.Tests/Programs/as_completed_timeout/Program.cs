using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.AsCompletedTimeout;

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
        var tasks = new[] { 1, 5, 2, 8 }.Select(s => CreateTask(Delay(s))).ToList();
        try
        {
            foreach (var coro in AsCompleted(tasks, timeout: 3))
            {
                var result = await coro;
                Print($"got {result} at {Str(loop.Time())}");
            }
        }
        catch (TimeoutError)
        {
            Print($"timed out at {Str(loop.Time())}");
        }
        // the timeout cancels nothing
        Print(tasks.Select(t => t.Done()).ToList());
        Print(await tasks[3]);
        Print(loop.Time());
    }

    public static void Entry() => Run(Main());
}
