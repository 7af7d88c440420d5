// Seed 001, the prose on asyncio.as_completed(aws) (no code in the document, which describes it in
// English as "Runs each of the async functions passed to it"): it runs the coroutines concurrently
// and yields their results in the order they finish: B at 1 s, C at 2 s, A at 3 s. (The workers
// print only when they finish: as_completed puts the awaitables in a set, so the order in which
// CPython starts them is not defined.)
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc001;

[Example("001", 5, "as_completed_order", Title = "as_completed yields results as they finish")]
public static class AsCompletedOrderExample
{
    static async Coroutine<string> Worker(string name, int seconds)
    {
        await Sleep(seconds);
        Print($"worker {name} - termina tras {seconds} segundo(s)");
        return $"{name} ({seconds} s)";
    }


    static async Coroutine Main()
    {
        List<Coroutine<string>> aws = [Worker("A", 3), Worker("B", 1), Worker("C", 2)];
        // as_completed entrega cada resultado en cuanto su tarea termina
        foreach (var coro in AsCompleted(aws))
        {
            var result = await coro;
            Print("main - termino:", result);
        }
    }


    public static void Entry() => Run(Main());
}
