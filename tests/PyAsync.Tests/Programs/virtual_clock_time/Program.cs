using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.VirtualClockTime;

public static class Program
{
    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        Print(Time.Now());
        Print(Time.Monotonic(), loop.Time());
        Print(Time.Strftime("%Y-%m-%d %H:%M:%S"));
        await Sleep(90.5);
        Print(Time.Now());
        Print(Time.Monotonic(), loop.Time());
        Print(Time.Strftime("%Y-%m-%d %H:%M:%S"));
        Time.Sleep(0.25);  // a blocking sleep moves the clock too
        Print(Time.Monotonic(), loop.Time());
        Print(Time.Strftime("%X"));
    }

    public static void Entry() => Run(Main());
}
