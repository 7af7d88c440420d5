using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherMixedAwaitables;

public static class Program
{
    static async Coroutine<string> Compute(string name, int seconds, string value)
    {
        await Sleep(seconds);
        Print($"{name} done at {Str(GetRunningLoop().Time())}");
        return value;
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var task = CreateTask(Compute("task", 2, "from a task"));
        var fut = loop.CreateFuture<string>();
        loop.CallLater(3, fut.SetResult, "from a future");
        var gathered = Gather(Compute("coroutine", 1, "from a coroutine"), task, fut);
        Print(Type(gathered), gathered.Done());
        var results = await gathered;
        Print(results);
        Print(gathered.Done(), gathered.Result());
        Print(task.Result(), fut.Result());
    }

    public static void Entry() => Run(Main());
}
