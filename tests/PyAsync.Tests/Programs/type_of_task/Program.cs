using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TypeOfTask;

public static class Program
{
    static async Coroutine<int> Delay(int seconds)
    {
        await Sleep(seconds);
        return seconds;
    }

    static async Coroutine Main()
    {
        var sleepForThree = CreateTask(Delay(3));
        Print(Type(sleepForThree));
        var result = await sleepForThree;
        Print(result);
        Print(Type(result));
    }

    public static void Entry() => Run(Main());
}
