using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.WaitForTimeoutCleanup;

public static class Program
{
    static async Coroutine LongJob()
    {
        try
        {
            await Sleep(3600);
        }
        finally
        {
            Print($"cleaning up at {Str(GetRunningLoop().Time())}");
            await Sleep(2);
            Print($"cleaned up at {Str(GetRunningLoop().Time())}");
        }
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var task = CreateTask(LongJob());
        try
        {
            await WaitFor(task, timeout: 1.5);
        }
        catch (TimeoutError)
        {
            Print($"timeout! at {Str(loop.Time())}");
        }
        Print(task.Done(), task.Cancelled());
        Print(task);
    }

    public static void Entry() => Run(Main());
}
