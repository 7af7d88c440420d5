using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CallbacksOrder;

public static class Program
{
    static void Report(string what)
    {
        var loop = GetRunningLoop();
        Print($"{what} at {Str(loop.Time())}");
    }

    static void Chain()
    {
        Report("chain");
        // scheduled from a callback: runs on the next loop iteration
        GetRunningLoop().CallSoon(Report, "chained soon");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        loop.CallLater(2, Report, "later 2 (first)");
        loop.CallAt(loop.Time() + 1, Report, "at 1");
        loop.CallLater(2, Report, "later 2 (second)");
        loop.CallAt(loop.Time() + 2, Report, "at 2");
        loop.CallLater(0, Report, "later 0");
        loop.CallSoon(Chain);
        loop.CallSoon(Report, "soon");
        Print("scheduled");
        await Sleep(3);
        Print($"done at {Str(loop.Time())}");
    }

    public static void Entry() => Run(Main());
}
