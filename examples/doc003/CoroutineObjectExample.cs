// Seed 003, "Courotine" (prose, no code): "Coroutine não são executadas quando chamadas, ao invés é
// retornado um objeto que será executado mais tarde" - calling a coroutine runs nothing and returns a
// coroutine object. The document shows no code for this; the example is the book's listing that
// compares a plain function with a coroutine function (coroutine_add_one from the next snippet).
// The coroutine object is never run, so CPython warns on stderr, at interpreter exit, that
// coroutine 'coroutine_add_one' was never awaited.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc003;

[Example("003", 1, "coroutine_object", Title = "calling a coroutine only creates a coroutine object")]
public static class CoroutineObjectExample
{
    static async Coroutine<int> CoroutineAddOne(int number)
    {
        return number + 1;
    }

    static int AddOne(int number)
    {
        return number + 1;
    }

    public static void Entry()
    {
        var functionResult = AddOne(1);
        var coroutineResult = CoroutineAddOne(1);

        Print($"Function result is {functionResult} and the type is {Type(functionResult)}");
        Print($"Coroutine result is {coroutineResult} and the type is {Type(coroutineResult)}");
    }
}
