// Seed 004 (the Python documentation's "Coroutines and Tasks"): awaiting coroutines one after the
// other. Prints "hello" after 1 second and "world" after 2 more; 3 seconds in all.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

public static class SayAfterExample
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
