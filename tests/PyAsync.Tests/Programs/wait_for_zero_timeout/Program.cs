using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.WaitForZeroTimeout;

public static class Program
{
    static async Coroutine<string> Job()
    {
        try
        {
            await Sleep(5);
            return "finished";
        }
        catch (CancelledError)
        {
            Print("job cancelled");
            throw;
        }
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var task = CreateTask(Job());
        try
        {
            await WaitFor(task, 0);
        }
        catch (TimeoutError e)
        {
            Print($"TimeoutError {Repr(e)} at {Str(loop.Time())}");
        }
        Print(task.Cancelled());

        task = CreateTask(Job());
        await Sleep(0);
        try
        {
            await WaitFor(task, -1);
        }
        catch (TimeoutError)
        {
            Print($"negative timeout at {Str(loop.Time())}");
        }
        Print(task.Cancelled());
    }

    public static void Entry() => Run(Main());
}
