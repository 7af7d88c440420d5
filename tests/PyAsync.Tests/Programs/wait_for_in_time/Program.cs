using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.WaitForInTime;

public static class Program
{
    static async Coroutine<string> Delay(int seconds, string value)
    {
        await Sleep(seconds);
        return value;
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var task = CreateTask(Delay(1, "quick"));
        Print(await WaitFor(task, timeout: 2));
        Print(loop.Time());

        // timeout=None waits as long as it takes
        Print(await WaitFor(Delay(100, "patient"), null));
        Print(loop.Time());

        // an already finished task gives its result at once
        Print(await WaitFor(task, 0));
        Print(loop.Time());
    }

    public static void Entry() => Run(Main());
}
