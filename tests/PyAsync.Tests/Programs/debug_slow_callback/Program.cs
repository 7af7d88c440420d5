using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.DebugSlowCallback;

public static class Program
{
    static void SlowCallback()
    {
        Print("slow callback");
        Time.Sleep(0.5);
    }

    static void QuickCallback()
    {
        Print("quick callback");
        Time.Sleep(0.05);  // under slow_callback_duration (0.1 s): not reported
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        loop.CallSoon(SlowCallback);
        loop.CallSoon(QuickCallback);
        await Sleep(1);
        Print($"done at {Str(loop.Time())}");
    }

    public static void Entry() => Run(Main(), debug: true);
}
