using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.SleepZeroInterleave;

public static class Program
{
    static async Coroutine Count(string letter, int n)
    {
        for (int i = 1; i < n + 1; i++)
        {
            Print($"{letter}{i}");
            await Sleep(0);
        }
    }

    static async Coroutine Main()
    {
        var a = CreateTask(Count("A", 3));
        var b = CreateTask(Count("B", 3));
        await a;
        await b;
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
