using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TimeoutNestedOuterFires;

public static class Program
{
    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        PyTimeout outer = null!, inner = null!;
        try
        {
            await using (outer = Timeout(1))
            {
                try
                {
                    await using (inner = Timeout(5))
                    {
                        await Sleep(10);
                    }
                }
                catch (TimeoutError)
                {
                    Print("inner caught a TimeoutError (wrong)");
                }
                finally
                {
                    Print($"inner block left at {Str(loop.Time())}");
                }
                Print("not reached");
            }
        }
        catch (TimeoutError)
        {
            Print($"outer timed out at {Str(loop.Time())}");
        }
        Print($"inner expired: {Str(inner.Expired())}, outer expired: {Str(outer.Expired())}");
        Print(CurrentTask()!.Cancelling());
    }

    public static void Entry() => Run(Main());
}
