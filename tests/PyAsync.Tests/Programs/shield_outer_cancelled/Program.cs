using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ShieldOuterCancelled;

public static class Program
{
    static async Coroutine<string> Precious()
    {
        await Sleep(3);
        Print($"precious work done at {Str(GetRunningLoop().Time())}");
        return "saved";
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var inner = CreateTask(Precious());
        var outer = Shield(inner);
        Print(ReferenceEquals(outer, inner));
        await Sleep(1);
        Print(outer.Cancel());
        try
        {
            await outer;
        }
        catch (CancelledError)
        {
            Print($"outer cancelled at {Str(loop.Time())}");
        }
        Print(outer.Cancelled(), inner.Cancelled(), inner.Done());
        Print(await inner);

        // a shield under wait_for: the timeout cancels the shield, not the task
        var task = CreateTask(Precious());
        try
        {
            await WaitFor(Shield(task), timeout: 1);
        }
        catch (TimeoutError)
        {
            Print($"timeout at {Str(loop.Time())}, task still running: {Str(!task.Done())}");
        }
        Print(await task);
    }

    public static void Entry() => Run(Main());
}
