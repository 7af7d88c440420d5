// Seed 004, "Coroutines", first snippet: a coroutine declared with async/await, run by asyncio.run;
// it prints "hello", waits 1 second and prints "world", as the snippet's closing comment says.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 1, "hello_sleep_world", Title = "a coroutine run by asyncio.run")]
public static class HelloSleepWorldExample
{
    static async Coroutine Main()
    {
        Print("hello");
        await Sleep(1);
        Print("world");
    }

    public static void Entry()
    {
        Run(Main());
        // prints "hello", waits 1 second and prints "world"
    }
}
