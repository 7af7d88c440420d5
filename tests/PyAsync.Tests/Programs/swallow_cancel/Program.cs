using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.SwallowCancel;

public static class Program
{
    static async Coroutine<string> Stubborn()
    {
        try
        {
            await Sleep(10);
        }
        catch (CancelledError)
        {
            Print("cancel caught, returning anyway");
            return "kept going";
        }
        return "slept";
    }

    static async Coroutine Main()
    {
        var task = CreateTask(Stubborn());
        await Sleep(1);
        task.Cancel();
        var result = await task;
        Print(result);
        Print(task.Cancelled());
        Print(task.Done());
        Print(task.Result());
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
