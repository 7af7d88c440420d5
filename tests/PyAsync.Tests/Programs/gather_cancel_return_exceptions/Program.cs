using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherCancelReturnExceptions;

public static class Program
{
    static async Coroutine<string> Child(string name, int seconds)
    {
        try
        {
            await Sleep(seconds);
            return name;
        }
        catch (CancelledError)
        {
            Print($"{name} cancelled");
            throw;
        }
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var a = CreateTask(Child("a", 1));
        var b = CreateTask(Child("b", 3));
        var gathered = Gather(returnExceptions: true, a, b);
        loop.CallLater(2, msg => gathered.Cancel(msg), "stop it");
        // return_exceptions=True does not stop the cancellation of the gather itself
        try
        {
            Print(await gathered);
        }
        catch (CancelledError e)
        {
            Print($"gather raised {Repr(e)} at {Str(loop.Time())}");
        }
        Print(gathered.Done(), gathered.Cancelled());
        Print(a.Result(), b.Cancelled());
    }

    public static void Entry() => Run(Main());
}
