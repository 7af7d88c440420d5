using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.InlineAwaitNoYield;

public static class Program
{
    static async Coroutine<int> Nested()
    {
        Print("nested runs");  // does not suspend
        return 1;
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        loop.CallSoon(() => Print("callback"));
        var result = await Nested();  // runs inline: the loop does not get a turn
        Print($"nested returned {result}");
        await Sleep(0);  // first real suspension: now the callback runs
        Print("after sleep(0)");

        loop.CallSoon(() => Print("callback 2"));
        var task = CreateTask(Nested());  // a task runs on a later iteration
        Print("task created");
        result = await task;
        Print($"task returned {result}");
    }

    public static void Entry() => Run(Main());
}
