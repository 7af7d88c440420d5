using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskNames;

public static class Program
{
    static async Coroutine Show()
    {
        Print($"running in {CurrentTask()!.GetName()}");
    }

    static async Coroutine Main()
    {
        Print(CurrentTask()!.GetName());
        var first = CreateTask(Show());
        var second = CreateTask(Show());
        // loop.create_task(name=...) uses up no Task-N number, in 3.11 as in 3.12+
        // (3.11's asyncio.create_task(name=...) does; PyAsync follows 3.12+)
        var named = GetRunningLoop().CreateTask(Show(), name: "worker");
        var third = CreateTask(Show());
        Print(first.GetName(), second.GetName(), named.GetName(), third.GetName());
        third.SetName("renamed");
        await first;
        await second;
        await named;
        await third;
        Print(third.GetName());
        third.SetName(42);
        Print(Repr(third.GetName()));
    }

    public static void Entry() => Run(Main());
}
