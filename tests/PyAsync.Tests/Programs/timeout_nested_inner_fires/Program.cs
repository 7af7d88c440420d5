using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TimeoutNestedInnerFires;

public static class Program
{
    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        PyTimeout outer, inner = null!;
        await using (outer = Timeout(10))
        {
            try
            {
                await using (inner = Timeout(1))
                {
                    await Sleep(5);
                }
            }
            catch (TimeoutError)
            {
                Print($"inner timed out at {Str(loop.Time())}");
            }
            Print($"inner expired: {Str(inner.Expired())}, outer expired: {Str(outer.Expired())}");
            await Sleep(2);
            Print($"outer block still running at {Str(loop.Time())}");
        }
        Print($"outer finished, expired: {Str(outer.Expired())}");
    }

    public static void Entry() => Run(Main());
}
