// The port of uncaught_probe.py (Program.cs sends the "uncaught-" modes here): each mode lets an
// exception out of the program, which then prints CPython's traceback and exits with 1.
using PyAsync;
using static PyAsync.Asyncio;

internal static class Uncaught
{
    static async Coroutine Fail(string what)
    {
        await Sleep(0);
        throw new ValueError(what);
    }

    static async Coroutine Boom(string what)
    {
        throw new ValueError(what);
    }

    static async Coroutine Kept()
    {
        var task = CreateTask(Fail("kept"));
        for (int i = 0; i < 5; i++)
            await Sleep(0);
        Print("main raises");
        throw new RuntimeError("main failed");
    }

    static async Coroutine Dropped()
    {
        _ = CreateTask(Fail("dropped"));
        for (int i = 0; i < 5; i++)
            await Sleep(0);
        Print("main raises");
        throw new RuntimeError("main failed");
    }

    static async Coroutine Group()
    {
        await using var tg = TaskGroup();
        _ = tg.CreateTask(Boom("first"));
        _ = tg.CreateTask(Boom("second"));
    }

    static async Coroutine Cause()
    {
        await Sleep(0);
        throw new RuntimeError("outer", new ValueError("inner"));
    }

    static async Coroutine Cancelled()
    {
        CurrentTask()!.Cancel();
        await Sleep(1);
    }

    public static void Start(string mode)
    {
        if (mode == "after")
        {
            Run(Sleep(0));
            Print("run returned");
            throw new ValueError("after run");
        }
        Run(mode switch { "kept" => Kept(), "dropped" => Dropped(), "group" => Group(), "cause" => Cause(), _ => Cancelled() });
    }
}
