using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskGroupChildCancelled;

public static class Program
{
    static async Coroutine<string> Worker(string name, int seconds)
    {
        await Sleep(seconds);
        Print($"{name} finished at {Str(GetRunningLoop().Time())}");
        return name;
    }

    static async Coroutine Main()
    {
        PyTask<string> a, b;
        await using (var tg = TaskGroup())
        {
            a = tg.CreateTask(Worker("a", 5));
            b = tg.CreateTask(Worker("b", 2));
            GetRunningLoop().CallLater(1, () => a.Cancel());
        }
        // a child cancelled from outside is not an error: the group goes on
        Print($"group done at {Str(GetRunningLoop().Time())}");
        Print(a.Cancelled(), b.Result());
    }

    public static void Entry() => Run(Main());
}
