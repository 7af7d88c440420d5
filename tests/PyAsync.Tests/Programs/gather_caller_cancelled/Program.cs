using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherCallerCancelled;

public static class Program
{
    static async Coroutine Child(string name, int seconds)
    {
        try
        {
            await Sleep(seconds);
        }
        catch (CancelledError)
        {
            Print($"{name} cancelled at {Str(GetRunningLoop().Time())}");
            throw;
        }
    }

    static async Coroutine Waiter(List<PyTask> children)
    {
        try
        {
            await Gather(children);
        }
        catch (CancelledError)
        {
            Print("waiter cancelled");
            throw;
        }
    }

    static async Coroutine Main()
    {
        var children = new[] { "x", "y" }.Select(n => CreateTask(Child(n, 10))).ToList();
        var task = CreateTask(Waiter(children));
        await Sleep(1);
        Print(task);
        task.Cancel();
        try
        {
            await task;
        }
        catch (CancelledError)
        {
            Print("main saw it");
        }
        Print(task.Cancelled(), children.Select(c => c.Cancelled()).ToList());
    }

    public static void Entry() => Run(Main());
}
