using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.WaitForCallerCancelled;

public static class Program
{
    static async Coroutine Inner()
    {
        try
        {
            await Sleep(10);
        }
        catch (CancelledError)
        {
            Print($"inner cancelled at {Str(GetRunningLoop().Time())}");
            throw;
        }
    }

    static async Coroutine Outer(PyTask task)
    {
        try
        {
            await WaitFor(task, timeout: 5);
        }
        catch (CancelledError)
        {
            Print("outer cancelled");
            throw;
        }
    }

    static async Coroutine Main()
    {
        var innerTask = CreateTask(Inner());
        var outerTask = CreateTask(Outer(innerTask));
        await Sleep(1);
        outerTask.Cancel();
        try
        {
            await outerTask;
        }
        catch (CancelledError)
        {
            Print("main saw the cancellation");
        }
        Print(outerTask.Cancelled(), innerTask.Cancelled());
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
