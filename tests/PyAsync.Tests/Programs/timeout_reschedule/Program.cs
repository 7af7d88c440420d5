using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TimeoutReschedule;

public static class Program
{
    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        PyTimeout cm;
        await using (cm = Timeout(1))
        {
            Print($"deadline {Str(cm.When())}");
            cm.Reschedule(loop.Time() + 3);
            Print($"new deadline {Str(cm.When())}");
            await Sleep(2);
        }
        Print($"survived until {Str(loop.Time())}, expired: {Str(cm.Expired())}");

        // timeout(None) never expires until it is given a deadline
        try
        {
            await using (cm = Timeout(null))
            {
                Print($"deadline {Str(cm.When())}");
                await Sleep(1);
                cm.Reschedule(loop.Time() + 0.5);
                Print($"deadline now {Str(cm.When())}");
                await Sleep(60);
            }
        }
        catch (TimeoutError)
        {
            Print($"timed out at {Str(loop.Time())}, expired: {Str(cm.Expired())}");
        }
    }

    public static void Entry() => Run(Main());
}
