// Seed 003, "asyncio.run()": asyncio.run() creates an event loop, runs the coroutine to the end,
// returns its result, then closes the loop. The document's code block ends with the output line
// `>>>2` inside the code (not valid Python); the Python original leaves it out, and CPython prints 2.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc003;

[Example("003", 2, "coroutine_add_one", Title = "asyncio.run returns the coroutine's result")]
public static class CoroutineAddOneExample
{
    static async Coroutine<int> CoroutineAddOne(int number)
    {
        return number + 1;
    }

    public static void Entry()
    {
        var result = Run(CoroutineAddOne(1));
        Print(result);
    }
}
