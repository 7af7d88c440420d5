using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CancelAwaitingTask;

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
            Print("inner cancelled");
            throw;
        }
    }

    static async Coroutine Outer(PyTask task)
    {
        try
        {
            await task;
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
            Print("main saw outer cancelled");
        }
        Print($"outer cancelled: {Str(outerTask.Cancelled())}");
        Print($"inner cancelled: {Str(innerTask.Cancelled())}");
    }

    public static void Entry() => Run(Main());
}
