using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TimeoutReschedulePast;

public static class Program
{
    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        await Sleep(5);
        try
        {
            await using (var cm = Timeout(10))
            {
                await Sleep(1);
                cm.Reschedule(loop.Time() - 3);  // a deadline already past fires at once
                Print($"rescheduled to {Str(cm.When())}");
                await Sleep(1);
                Print("not reached");
            }
        }
        catch (TimeoutError)
        {
            Print($"expired at {Str(loop.Time())}");
        }

        foreach (var delay in new[] { 0, -1 })
        {
            try
            {
                await using (Timeout(delay))
                {
                    Print($"timeout({delay}) body runs");
                    await Sleep(0);
                    Print("not reached");
                }
            }
            catch (TimeoutError)
            {
                Print($"timeout({delay}) expired at {Str(loop.Time())}");
            }
        }
    }

    public static void Entry() => Run(Main());
}
