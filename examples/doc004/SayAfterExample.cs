// Seed 004, "Coroutines": awaiting coroutines one after the other. Prints "hello" after 1 second
// and "world" after 2 more: 3 seconds in all. The document's Python prints the real time of day;
// on the virtual clock both CPython and PyAsync start at 12:00:00.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 3, "say_after", Title = "awaiting coroutines one after the other")]
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
