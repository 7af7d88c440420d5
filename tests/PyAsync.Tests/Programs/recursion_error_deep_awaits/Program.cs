using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.RecursionErrorDeepAwaits;

public static class Program
{
    static async Coroutine<int> Nest(int n)
    {
        if (n == 0)
        {
            await Sleep(0);
            return 0;
        }
        return 1 + await Nest(n - 1);
    }

    static async Coroutine<string> Main()
    {
        Print("shallow", await Nest(500));
        try
        {
            await Nest(200_000);
        }
        catch (RecursionError e)
        {
            Print("caught", Repr(e));
        }
        Print("still running", await Nest(500));
        var task = CreateTask(Nest(200_000));
        await Wait([task]);
        Print("task", Repr(task.Exception()));
        return "done";
    }

    public static void Entry() => Print("run ->", Run(Main()));
}
