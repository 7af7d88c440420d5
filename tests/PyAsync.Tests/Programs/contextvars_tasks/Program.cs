using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ContextvarsTasks;

public static class Program
{
    static readonly ContextVar<string> RequestId = new("request_id", @default: "none");

    static async Coroutine Handler(string name)
    {
        Print($"{name} sees {RequestId.Get()}");
        RequestId.Set(name);
        await Sleep(1);
        Print($"{name} now has {RequestId.Get()}");
    }

    static async Coroutine Main()
    {
        RequestId.Set("main");
        var first = CreateTask(Handler("first"));
        RequestId.Set("changed");
        var second = CreateTask(Handler("second"));
        await first;
        await second;
        Print($"main still has {RequestId.Get()}");
    }

    public static void Entry() => Run(Main());
}
