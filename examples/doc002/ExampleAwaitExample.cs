// Seed 002, example_await.py, which the document runs but does not show; written from its
// description: asyncio.run schedules my_first_coroutine, which suspends at `await
// my_second_coroutine()` while my_second_coroutine runs, and continues when it has finished.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc002;

[Example("002", 2, "example_await", Title = "await suspends a coroutine until another finishes")]
public static class ExampleAwaitExample
{
    static async Coroutine<string> MySecondCoroutine()
    {
        Print("my_second_coroutine: empieza");
        await Sleep(1);
        Print("my_second_coroutine: termina");
        return "resultado de my_second_coroutine";
    }


    static async Coroutine MyFirstCoroutine()
    {
        Print("my_first_coroutine: empieza");
        // se suspende my_first_coroutine hasta que termine my_second_coroutine
        var result = await MySecondCoroutine();
        Print($"my_first_coroutine: continua con \"{result}\"");
    }


    public static void Entry() => Run(MyFirstCoroutine());
}
