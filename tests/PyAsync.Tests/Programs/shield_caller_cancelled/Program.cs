using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ShieldCallerCancelled;

public static class Program
{
    static async Coroutine<string> Important()
    {
        await Sleep(3);
        Print("important work finished");
        return "result kept";
    }

    static async Coroutine<string> Caller(PyTask<string> inner)
    {
        try
        {
            return await Shield(inner);
        }
        catch (CancelledError)
        {
            Print($"caller cancelled at {Str(GetRunningLoop().Time())}");
            throw;
        }
    }

    static async Coroutine Main()
    {
        var inner = CreateTask(Important());
        var task = CreateTask(Caller(inner));
        await Sleep(1);
        task.Cancel();
        try
        {
            await task;
        }
        catch (CancelledError)
        {
            Print($"caller task cancelled: {Str(task.Cancelled())}, inner done: {Str(inner.Done())}");
        }
        Print(await inner);
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
