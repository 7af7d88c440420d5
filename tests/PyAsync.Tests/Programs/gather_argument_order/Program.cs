using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherArgumentOrder;

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
        // three delays run at the same time: 3 seconds in all, not 6
        var results = await Gather(Delay(3), Delay(1), Delay(2));
        Print(results);
        Print(GetRunningLoop().Time());

        var (first, second) = await Gather(Delay(2), Delay(2));
        Print(first + second);
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
