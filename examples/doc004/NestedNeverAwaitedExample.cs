// Seed 004, "Awaitables / Coroutines": calling nested() without await creates a coroutine object
// that never runs, and CPython writes "RuntimeWarning: coroutine 'nested' was never awaited" on
// stderr; awaiting nested() then prints 42. The document's comment misspells "cocoutine"; the
// example's comment says "coroutine", as CPython's warning does.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 6, "nested_never_awaited", Title = "a coroutine never awaited: RuntimeWarning")]
public static class NestedNeverAwaitedExample
{
    static async Coroutine<int> Nested()
    {
        return 42;
    }

    static async Coroutine Main()
    {
#pragma warning disable CS4014 // deliberately not awaited, as in the document
        Nested();  // will raise a "RuntimeWarning": coroutine 'Nested' was never awaited
#pragma warning restore CS4014
        // Nothing happens if we just call "Nested()"
        // A coroutine object is created but not awaited,
        // so it *won't run at all*

        // Let's do it differently now and await it.
        Print(await Nested());  // will print 42
    }

    public static void Entry() => Run(Main());
}
