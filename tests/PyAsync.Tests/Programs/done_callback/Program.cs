using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.DoneCallback;

public static class Program
{
    static async Coroutine<string> Compute()
    {
        await Sleep(1);
        return "the answer";
    }

    static void PrintIt(PyTask<string> task)
    {
        Print($"callback: {task.Result()}");
    }

    static async Coroutine Main()
    {
        var task = CreateTask(Compute());
        task.AddDoneCallback(PrintIt);
        await task;
        Print("after await");
        // the callback runs on a later loop iteration, not inside the await
        await Sleep(0);
        Print(task.Cancelled());
        Print(task.Done());
        Print(task.Result());
        Print(task.Exception());
    }

    public static void Entry() => Run(Main());
}
