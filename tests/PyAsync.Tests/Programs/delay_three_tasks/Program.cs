using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.DelayThreeTasks;

public static class Program
{
    static async Coroutine<int> Delay(int seconds)
    {
        Print($"sleeping for {seconds} second(s)");
        await Sleep(seconds);
        Print($"finished sleeping for {seconds} second(s)");
        return seconds;
    }

    static async Coroutine Main()
    {
        var sleepForThree = CreateTask(Delay(3));
        var sleepAgain = CreateTask(Delay(3));
        var sleepOnceMore = CreateTask(Delay(3));

        // the three tasks sleep at the same time: 3 seconds in all, not 9
        await sleepForThree;
        await sleepAgain;
        await sleepOnceMore;

        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
