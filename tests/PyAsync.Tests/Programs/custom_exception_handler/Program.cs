using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CustomExceptionHandler;

public static class Program
{
    static void Handler(EventLoop loop, Dictionary<string, object?> context)
    {
        Print($"handler: {context["message"]}");
        Print($"exception: {Repr(context["exception"])}");
    }

    static void Broken()
    {
        throw new RuntimeError("callback failed");
    }

    static async Coroutine Failing()
    {
        throw new ValueError("nobody looks at me");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        loop.SetExceptionHandler(Handler);
        loop.CallSoon(Broken);
        _ = CreateTask(Failing());
        await Sleep(1);
        Print("main done");
    }

    public static void Entry() => Run(Main());
}
