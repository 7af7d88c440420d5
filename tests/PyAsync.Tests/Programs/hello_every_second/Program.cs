using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.HelloEverySecond;

public static class Program
{
    static async Coroutine<int> Delay(int seconds)
    {
        Print($"sleeping for {seconds} second(s)");
        await Sleep(seconds);
        Print($"finished sleeping for {seconds} second(s)");
        return seconds;
    }

    static async Coroutine HelloEverySecond()
    {
        for (int i = 0; i < 2; i++)
        {
            await Sleep(1);
            Print("I'm running other code while I'm waiting!");
        }
    }

    static async Coroutine Main()
    {
        var firstDelay = CreateTask(Delay(3));
        var secondDelay = CreateTask(Delay(3));
        await HelloEverySecond();
        await firstDelay;
        await secondDelay;
        Print($"done at {Str(GetRunningLoop().Time())}");
    }

    public static void Entry() => Run(Main());
}
