using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CancelBeforeStart;

public static class Program
{
    static async Coroutine Body()
    {
        Print("body started");  // never printed
        await Sleep(1);
    }

    static async Coroutine Main()
    {
        var task = CreateTask(Body());
        Print(task.Cancel());
        Print(task.Cancelled());
        try
        {
            await task;
        }
        catch (CancelledError)
        {
            Print("cancelled before it started");
        }
        Print(task.Cancelled());
    }

    public static void Entry() => Run(Main());
}
