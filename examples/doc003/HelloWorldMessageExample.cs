// Seed 003, "Pausar uma execução await", second snippet: awaiting hello_world_message pauses main
// for the one-second delay before add_one runs: still sequential. The document returns
// ‘Hello World!’ with typographic quotes, a SyntaxError in Python; the Python original uses plain
// quotes. util.delay is the book's helper (Util.cs); the document shows no output.
using static PyAsync.Asyncio;
using static PyAsync.Examples.Doc003.Util;

namespace PyAsync.Examples.Doc003;

[Example("003", 4, "hello_world_message", Title = "awaiting a slow coroutine pauses the caller")]
public static class HelloWorldMessageExample
{
    static async Coroutine<int> AddOne(int number)
    {
        return number + 1;
    }

    static async Coroutine<string> HelloWorldMessage()
    {
        await Delay(1);
        return "Hello World!";
    }

    static async Coroutine Main()
    {
        var message = await HelloWorldMessage();
        var onePlusOne = await AddOne(1);
        Print(onePlusOne);
        Print(message);
    }

    public static void Entry() => Run(Main());
}
