using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CancellingUncancel;

public static class Program
{
    static async Coroutine<string> Worker()
    {
        try
        {
            await Sleep(10);
        }
        catch (CancelledError)
        {
            var task = CurrentTask()!;
            Print($"worker cancelled, cancelling()={task.Cancelling()}");
            Print($"uncancel() -> {task.Uncancel()}");
            Print($"uncancel() -> {task.Uncancel()}");
            await Sleep(1);
            return "recovered";
        }
        return "slept";
    }

    static async Coroutine Main()
    {
        var task = CreateTask(Worker());
        await Sleep(1);
        Print(task.Cancelling());
        task.Cancel();
        Print(task.Cancelling());
        task.Cancel();
        Print(task.Cancelling());
        Print(await task);
        Print(task.Cancelled(), task.Cancelling());
    }

    public static void Entry() => Run(Main());
}
