using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskGroupParentCancelled;

public static class Program
{
    static async Coroutine Child(string name, int seconds)
    {
        try
        {
            await Sleep(seconds);
            Print($"{name} finished");
        }
        catch (CancelledError)
        {
            Print($"{name} cancelled at {Str(GetRunningLoop().Time())}");
            throw;
        }
    }

    static async Coroutine RunGroup()
    {
        try
        {
            await using (var tg = TaskGroup())
            {
                _ = tg.CreateTask(Child("one", 1));
                _ = tg.CreateTask(Child("two", 5));
                Print("body waiting");
                await Sleep(10);
            }
        }
        catch (CancelledError)
        {
            Print("group cancelled, no ExceptionGroup");
            throw;
        }
    }

    static async Coroutine Main()
    {
        var task = CreateTask(RunGroup());
        await Sleep(2);
        task.Cancel();
        try
        {
            await task;
        }
        catch (CancelledError)
        {
            Print($"main: task cancelled at {Str(GetRunningLoop().Time())}");
        }
        Print(task.Cancelled());
    }

    public static void Entry() => Run(Main());
}
