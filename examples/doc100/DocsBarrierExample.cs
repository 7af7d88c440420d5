// The Python documentation's Barrier example (asyncio-sync.html, "Barrier"), as written: two tasks
// wait on a barrier of three parties, the third wait() passes it, and the barrier's repr shows it
// filling, draining and filling again.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 5, "docs_barrier", Title = "the docs' Barrier example: filling, draining, passed")]
public static class DocsBarrierExample
{
    static async Coroutine ExampleBarrier()
    {
        // barrier with 3 parties
        var b = Barrier(3);

        // create 2 new waiting tasks
        _ = CreateTask(b.Wait());
        _ = CreateTask(b.Wait());

        await Sleep(0);
        Print(b);

        // The third .wait() call passes the barrier
        await b.Wait();
        Print(b);
        Print("barrier passed");

        await Sleep(0);
        Print(b);
    }

    public static void Entry() => Run(ExampleBarrier());
}
