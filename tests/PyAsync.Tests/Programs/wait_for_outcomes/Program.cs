using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.WaitForOutcomes;

public static class Program
{
    static async Coroutine<T> ValueAfter<T>(double delay, T value)
    {
        await Sleep(delay);
        return value;
    }

    static async Coroutine FailsAfter(double delay)
    {
        await Sleep(delay);
        throw new ValueError("inner failed");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        Print(await WaitFor(ValueAfter(1, "in time"), 2));
        try
        {
            await WaitFor(ValueAfter(3, "late"), 2);
        }
        catch (TimeoutError e)
        {
            Print($"TimeoutError at {Str(loop.Time())}, cause {Type(e.InnerException).Name}");
        }
        try
        {
            await WaitFor(FailsAfter(1), 2);
        }
        catch (ValueError e)
        {
            Print($"ValueError: {Str(e)}");
        }
        var fut = loop.CreateFuture<string>();
        loop.CallLater(1, fut.SetResult, "future value");
        Print(await WaitFor(fut, 5));
        var slow = loop.CreateFuture<string>();
        try
        {
            await WaitFor(slow, 1);
        }
        catch (TimeoutError)
        {
            Print($"future timed out, cancelled: {Str(slow.Cancelled())}");
        }
        var done = loop.CreateFuture<string>();
        done.SetResult("already done");
        Print(await WaitFor(done, 0));
        Print(await WaitFor(ValueAfter(0, "no timeout"), null));
        var results = await Gather(true, Enumerable.Range(0, 4).Select(i => WaitFor(ValueAfter(i, i), 2.5)).ToArray());
        Print(results.Select(r => r is Exception ex ? Type(ex).Name : r).ToList());
        Print($"end at {Str(loop.Time())}");
    }

    public static void Entry() => Run(Main());
}
