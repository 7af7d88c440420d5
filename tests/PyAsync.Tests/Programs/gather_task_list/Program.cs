using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherTaskList;

public static class Program
{
    static async Coroutine<int> Square(int n)
    {
        await Sleep(5 - n);
        Print($"square({n}) at {Str(GetRunningLoop().Time())}");
        return n * n;
    }

    static async Coroutine Main()
    {
        var tasks = Enumerable.Range(0, 5).Select(n => CreateTask(Square(n))).ToList();
        Print(tasks.Select(t => t.GetName()).ToList());
        var results = await Gather(tasks);
        Print(results);
        Print(results.Sum());
        Print(tasks.All(t => t.Done()));
    }

    public static void Entry() => Run(Main());
}
