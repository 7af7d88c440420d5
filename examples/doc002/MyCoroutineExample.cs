// Seed 002, the snippet `async def my_coroutine(): ...` and the prose around it ("Llamar a una
// corutina, devuelve un objeto corutina"; "asyncio.run() --> inicia el bucle de eventos"): calling
// the coroutine function only creates a coroutine object (type coroutine), which does not run yet;
// asyncio.run starts the event loop and runs it (so no "never awaited" warning). The snippet alone
// does nothing; the calls are added to show what the prose says.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc002;

[Example("002", 1, "my_coroutine", Title = "calling a coroutine returns a coroutine object")]
public static class MyCoroutineExample
{
    static async Coroutine MyCoroutine()
    {
        // ...
    }


    public static void Entry()
    {
        // Llamar a una corutina devuelve un objeto corutina: todavia no se ejecuta
        var coro = MyCoroutine();
        Print(Type(coro));
        // asyncio.run() inicia el bucle de eventos y ejecuta la corutina
        Run(coro);
    }
}
