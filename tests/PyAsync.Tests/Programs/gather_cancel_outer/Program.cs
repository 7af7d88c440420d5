using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherCancelOuter;

public static class Program
{
    static async Coroutine Child(string name, int seconds)
    {
        try
        {
            await Sleep(seconds);
            Print($"{name} finished");
        }
        catch (CancelledError)
        {
            Print($"{name} cancelled at {Str(GetRunningLoop().Time())}");
            throw;
        }
    }

    static async Coroutine Main()
    {
        var a = CreateTask(Child("a", 1));
        var b = CreateTask(Child("b", 5));
        var gathered = Gather(a, b);
        await Sleep(2);
        Print(gathered.Cancel());
        Print(gathered.Cancelled(), a.Cancelled(), b.Cancelled());
        try
        {
            await gathered;
        }
        catch (CancelledError)
        {
            Print("gather cancelled");
        }
        Print(gathered.Cancelled(), a.Cancelled(), b.Cancelled());
        Print(a.Result());
        Print(gathered.Cancel());
    }

    public static void Entry() => Run(Main());
}
