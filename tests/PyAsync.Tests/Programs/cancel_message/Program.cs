using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CancelMessage;

public static class Program
{
    static async Coroutine Sleeper()
    {
        await Sleep(10);
    }

    static async Coroutine Main()
    {
        var task = CreateTask(Sleeper());
        await Sleep(1);
        Print(task.Cancel("bye"));
        try
        {
            await task;
        }
        catch (CancelledError e)
        {
            Print($"first await: {Repr(e)} args={Str(e.Args)}");
        }
        try
        {
            await task;
        }
        catch (CancelledError e)
        {
            Print($"second await: {Repr(e)} args={Str(e.Args)}");
        }
        try
        {
            task.Result();
        }
        catch (CancelledError e)
        {
            Print($"result(): {Repr(e)}");
        }
        Print(task.Cancelled());
        Print(task.Cancel("again"));
    }

    public static void Entry() => Run(Main());
}
