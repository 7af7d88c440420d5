using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.WaitForInnerRaises;

public static class Program
{
    static async Coroutine Failing()
    {
        await Sleep(1);
        throw new ValueError("inner failed");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var task = CreateTask(Failing());
        try
        {
            await WaitFor(task, timeout: 5);
        }
        catch (ValueError e)
        {
            Print($"wait_for raised {Repr(e)} at {Str(loop.Time())}");
        }

        // a plain future that never gets a result is cancelled by the timeout
        var fut = loop.CreateFuture();
        try
        {
            await WaitFor(fut, timeout: 2);
        }
        catch (TimeoutError)
        {
            Print($"timed out at {Str(loop.Time())}");
        }
        Print(fut.Cancelled());
        Print(fut);
    }

    public static void Entry() => Run(Main());
}
