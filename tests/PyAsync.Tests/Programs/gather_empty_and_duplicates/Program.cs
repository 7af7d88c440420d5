using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherEmptyAndDuplicates;

public static class Program
{
    static int Calls;

    static async Coroutine<int> Counted()
    {
        Calls += 1;
        await Sleep(1);
        return Calls;
    }

    static async Coroutine Main()
    {
        var empty = Gather();
        Print(empty.Done());
        Print(await empty);

        var coro = Counted();
        Print(await Gather(coro, coro));
        Print($"calls: {Calls}");

        var task = CreateTask(Counted());
        Print(await Gather(task, task, Counted()));
        Print($"calls: {Calls}");
        Print(GetRunningLoop().Time());
    }

    public static void Entry()
    {
        Calls = 0;
        Run(Main());
    }
}
