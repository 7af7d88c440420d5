using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TimeoutSwallowedCancel;

public static class Program
{
    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var cm = await Timeout(1, async cm =>
        {
            Print(cm);
            try
            {
                await Sleep(5);
            }
            catch (CancelledError)
            {
                Print($"body caught the cancellation at {Str(loop.Time())}");
            }
            Print(cm);
            await Sleep(1);
            Print($"body goes on until {Str(loop.Time())}");
            return cm;
        });
        // the block swallowed the cancellation: no TimeoutError
        Print(cm, cm.Expired());
        Print(CurrentTask()!.Cancelling());
        try
        {
            cm.Reschedule(loop.Time() + 10);
        }
        catch (RuntimeError e)
        {
            Print($"RuntimeError: {Str(e)}");
        }

        await using (cm = Timeout(null))
        {
        }
        Print(cm, cm.Expired());
    }

    public static void Entry() => Run(Main());
}
