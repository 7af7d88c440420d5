using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CallbackContextIsolation;

public static class Program
{
    static readonly ContextVar<string> Var = new("var", @default: "unset");

    static string Get() => Var.Get();

    static void Setter(string tag)
    {
        Var.Set(tag);
        Print($"{tag}: set, sees {Get()}");
    }

    static void Reader(string tag) => Print($"{tag}: sees {Get()}");

    static async Coroutine Worker()
    {
        Print($"task sees {Get()}");
        Var.Set("task");
        await Sleep(0);
        Print($"task still sees {Get()}");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        loop.CallSoon(Setter, "callback");
        loop.CallSoon(Reader, "next callback");
        await Sleep(0);
        Print($"main sees {Get()}");
        var fut = loop.CreateFuture<int>();
        fut.AddDoneCallback(f => Setter("done callback"));
        fut.AddDoneCallback(f => Reader("second done callback"));
        fut.SetResult(1);
        await Sleep(0);
        await CreateTask(Worker());
        Print($"main finally sees {Get()}");
    }

    public static void Entry() => Run(Main());
}
