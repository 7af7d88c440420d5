using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskGroupResults;

public static class Program
{
    static async Coroutine<string> Fetch(string name, int seconds)
    {
        Print($"fetching {name}");
        await Sleep(seconds);
        Print($"fetched {name} at {Str(GetRunningLoop().Time())}");
        return name.ToUpperInvariant();
    }

    static async Coroutine Main()
    {
        PyTask<string> t1, t2, t3;
        await using (var tg = TaskGroup())
        {
            t1 = tg.CreateTask(Fetch("alpha", 2));
            t2 = tg.CreateTask(Fetch("beta", 1));
            t3 = tg.CreateTask(Fetch("gamma", 3), name: "third");
            Print("all created");
            Print(t1.Done(), t2.Done(), t3.Done());
        }
        // the block ends when every task has finished
        Print($"block done at {Str(GetRunningLoop().Time())}");
        Print(t1.Result(), t2.Result(), t3.Result());
        Print(t3.GetName());
    }

    public static void Entry() => Run(Main());
}
