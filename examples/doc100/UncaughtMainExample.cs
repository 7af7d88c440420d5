// A program whose main raises: CPython prints the traceback on stderr and exits with status 1, and so
// does the port (Run makes an uncaught exception end the process as CPython's does). A failed task
// nobody holds is reported as soon as it fails; one that main still holds is reported after the
// traceback, which keeps main's frame alive until the program exits.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 20, "uncaught_main", Title = "main raises: CPython's traceback, exit status 1, reports in CPython's order")]
public static class UncaughtMainExample
{
    static async Coroutine Fail(string what, double delay)
    {
        await Sleep(delay);
        throw new ValueError(what);
    }

    static async Coroutine Main()
    {
        var held = CreateTask(Fail("held", 1));
        _ = CreateTask(Fail("dropped", 2));
        await Sleep(3);
        Print("held is done:", held.Done());
        throw new RuntimeError("main failed");
    }

    public static void Entry() => Run(Main());
}
