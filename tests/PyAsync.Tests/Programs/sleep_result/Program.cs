using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.SleepResult;

public static class Program
{
    static async Coroutine Main()
    {
        var value = await Sleep(1, "morning");
        Print(value);
        Print(await Sleep(0.5, None));  // a result-less Coroutine awaits as void in C#: pass result=None explicitly
        var task = CreateTask(Sleep(2, result: 42));
        Print(await task);
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
