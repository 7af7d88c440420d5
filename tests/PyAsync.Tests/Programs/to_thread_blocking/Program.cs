using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ToThreadBlocking;

public static class Program
{
    static int BlockingIo(int seconds, ManualResetEventSlim ticksDone)
    {
        ticksDone.Wait();  // let the ticker finish first, so the output is deterministic
        Print($"start blocking_io at {Time.Strftime("%X")}");
        Time.Sleep(seconds);
        Print($"blocking_io complete at {Time.Strftime("%X")}");
        return seconds * 10;
    }

    static async Coroutine Ticker(ManualResetEventSlim ticksDone)
    {
        for (int i = 0; i < 3; i++)
        {
            Print($"tick {i} at {Time.Strftime("%X")}");
            await Sleep(0);
        }
        ticksDone.Set();
    }

    static async Coroutine Main()
    {
        Print($"started main at {Time.Strftime("%X")}");
        var ticksDone = new ManualResetEventSlim();
        var task = CreateTask(Ticker(ticksDone));
        var result = await ToThread(() => BlockingIo(2, ticksDone));
        Print(result);
        await task;
        Print($"finished main at {Time.Strftime("%X")}");
    }

    public static void Entry() => Run(Main());
}
