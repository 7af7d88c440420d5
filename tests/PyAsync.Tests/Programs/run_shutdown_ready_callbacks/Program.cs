using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.RunShutdownReadyCallbacks;

public static class Program
{
    static async Coroutine<int> Main()
    {
        var g = Gather(Sleep(0, 86));
        g.AddDoneCallback(f => Print("cb", f.Result()));
        await Sleep(0);
        return 0;
    }

    public static void Entry() => Print("run ->", Run(Main()));
}
