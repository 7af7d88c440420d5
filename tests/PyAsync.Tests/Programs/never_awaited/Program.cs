using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.NeverAwaited;

public static class Program
{
    static async Coroutine<int> Nested()
    {
        return 42;
    }

    static async Coroutine Main()
    {
#pragma warning disable CS4014 // the C# compiler warns too: this call is not awaited
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
