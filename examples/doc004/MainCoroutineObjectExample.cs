// Seed 004, "Coroutines", second snippet: simply calling a coroutine does not schedule it. The
// document shows a REPL session (`>>> main()` echoing `<coroutine object main ...>`); as a program,
// the example prints main() (the main of the first snippet) instead. Nothing of main runs, and
// CPython warns on stderr that coroutine 'main' was never awaited (the REPL would warn later, when
// it drops the object).
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 2, "main_coroutine_object", Title = "calling a coroutine does not schedule it")]
public static class MainCoroutineObjectExample
{
    static async Coroutine Main()
    {
        Print("hello");
        await Sleep(1);
        Print("world");
    }

    public static void Entry()
    {
        Print(Main());
    }
}
