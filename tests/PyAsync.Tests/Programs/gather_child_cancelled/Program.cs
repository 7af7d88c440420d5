using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherChildCancelled;

public static class Program
{
    static async Coroutine<string> Child(string name, int seconds)
    {
        await Sleep(seconds);
        Print($"{name} finished at {Str(GetRunningLoop().Time())}");
        return name;
    }

    static async Coroutine Main()
    {
        var a = CreateTask(Child("a", 5));
        var b = CreateTask(Child("b", 3));
        var gathered = Gather(a, b);
        GetRunningLoop().CallLater(2, () => a.Cancel());
        try
        {
            await gathered;
        }
        catch (CancelledError)
        {
            Print($"gather raised CancelledError at {Str(GetRunningLoop().Time())}");
        }
        Print(gathered.Done(), gathered.Cancelled());
        Print(a.Done(), a.Cancelled());
        Print(b.Done(), b.Cancelled());
        Print(await b);
    }

    public static void Entry() => Run(Main());
}
