using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ContextvarsTasks;

public static class Program
{
    // contextvars.ContextVar('request_id', default='none')
    static readonly AsyncLocal<string> RequestId = new();

    static string RequestIdGet() => RequestId.Value ?? "none";

    static async Coroutine Handler(string name)
    {
        Print($"{name} sees {RequestIdGet()}");
        RequestId.Value = name;
        await Sleep(1);
        Print($"{name} now has {RequestIdGet()}");
    }

    static async Coroutine Main()
    {
        RequestId.Value = "main";
        var first = CreateTask(Handler("first"));
        RequestId.Value = "changed";
        var second = CreateTask(Handler("second"));
        await first;
        await second;
        Print($"main still has {RequestIdGet()}");
    }

    public static void Entry() => Run(Main());
}
