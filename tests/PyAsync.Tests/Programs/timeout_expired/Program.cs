using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TimeoutExpired;

public static class Program
{
    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        PyTimeout cm = null!;
        try
        {
            await using (cm = Timeout(2))
            {
                Print($"deadline {Str(cm.When())}, expired: {Str(cm.Expired())}");
                await Sleep(10);
                Print("not reached");
            }
        }
        catch (TimeoutError e)
        {
            Print($"TimeoutError {Repr(e)} at {Str(loop.Time())}");
        }
        Print($"expired: {Str(cm.Expired())}");

        await using (cm = Timeout(5))
        {
            await Sleep(1);
        }
        Print($"in time at {Str(loop.Time())}, expired: {Str(cm.Expired())}");
    }

    public static void Entry() => Run(Main());
}
