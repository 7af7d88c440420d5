using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.SayAfter;

public static class Program
{
    static async Coroutine SayAfter(double delay, string what)
    {
        await Sleep(delay);
        Print(what);
    }

    static async Coroutine Main()
    {
        Print($"started at {Time.Strftime("%X")}");

        await SayAfter(1, "hello");
        await SayAfter(2, "world");

        Print($"finished at {Time.Strftime("%X")}");
    }

    public static void Entry() => Run(Main());
}
