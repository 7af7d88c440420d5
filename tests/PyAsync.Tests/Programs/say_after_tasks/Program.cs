using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.SayAfterTasks;

public static class Program
{
    static async Coroutine SayAfter(double delay, string what)
    {
        await Sleep(delay);
        Print(what);
    }

    static async Coroutine Main()
    {
        var task1 = CreateTask(SayAfter(1, "hello"));
        var task2 = CreateTask(SayAfter(2, "world"));

        Print($"started at {Time.Strftime("%X")}");
        Print(task1);

        // wait until both tasks are completed
        // (should take around 2 seconds)
        await task1;
        await task2;

        Print(task1);
        Print($"finished at {Time.Strftime("%X")}");
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
