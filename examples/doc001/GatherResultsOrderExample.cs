// Seed 001, the prose on asyncio.gather(*aws) (no code in the document): it wraps each coroutine in
// a Task, runs them concurrently on the event loop, and returns the list of results in the order
// the awaitables were passed, not the order they finished in: [3, 1, 2] after 3 seconds.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc001;

[Example("001", 4, "gather_results_order", Title = "gather returns results in argument order")]
public static class GatherResultsOrderExample
{
    static async Coroutine<int> Worker(string name, int seconds)
    {
        Print($"worker {name} - tardara {seconds} segundo(s)");
        await Sleep(seconds);
        Print($"worker {name} - termina");
        return seconds;
    }


    static async Coroutine Main()
    {
        // los resultados llegan en el orden de los parametros, no en el de finalizacion
        var results = await Gather(Worker("A", 3), Worker("B", 1), Worker("C", 2));
        Print("main - resultados:", results);
    }


    public static void Entry() => Run(Main());
}
