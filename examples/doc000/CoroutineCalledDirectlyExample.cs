// Seed 000, the prose at the top ("al llamar directamente a una corrutina, no la ponemos en el
// bucle de eventos"): the document shows only the warning; this is the book's listing it refers
// to, with Spanish messages. Calling the coroutine function directly does not run it: it returns a
// coroutine object (printed with its type), and since nothing awaits it or passes it to
// asyncio.run, CPython writes `sys:1: RuntimeWarning: coroutine 'coroutine_add_one' was never
// awaited` on stderr when the program ends, as the document says.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc000;

[Example("000", 1, "coroutine_called_directly", Title = "a coroutine called directly is not run")]
public static class CoroutineCalledDirectlyExample
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

        Print($"El resultado de la funcion es {functionResult} y el tipo es {Type(functionResult)}");
        Print($"El resultado de la corrutina es {coroutineResult} y el tipo es {Type(coroutineResult)}");
    }
}
