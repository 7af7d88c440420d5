// Seed 004, "Awaitables / Futures": a Future is awaited like a coroutine, alone or inside
// asyncio.gather, and the awaiting coroutine waits until the future is resolved "in some other
// place". The document's snippet defines neither function_that_returns_a_future_object nor
// some_python_coroutine, has no `import asyncio` or `asyncio.run(main())`, prints nothing, and its
// comment says "walid". The example defines the helpers (the future is resolved by callback-based
// code, loop.call_later, as the prose motivates), prints what each await returns, and fixes the
// comment.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 8, "await_future_objects", Title = "awaiting futures, alone and in gather")]
public static class AwaitFutureObjectsExample
{
    static Future<string> FunctionThatReturnsAFutureObject()
    {
        var loop = GetRunningLoop();
        var future = loop.CreateFuture<string>();
        // callback-based code resolves the future in some other place
        loop.CallLater(1, future.SetResult, "result of the future");
        return future;
    }

    static async Coroutine<string> SomePythonCoroutine()
    {
        await Sleep(2);
        return "result of the coroutine";
    }

    static async Coroutine Main()
    {
        Print(await FunctionThatReturnsAFutureObject());

        // this is also valid
        Print(await Gather(
            FunctionThatReturnsAFutureObject(),
            SomePythonCoroutine()
        ));
    }

    public static void Entry() => Run(Main());
}
