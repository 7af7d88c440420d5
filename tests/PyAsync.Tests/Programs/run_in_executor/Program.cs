using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.RunInExecutor;

public static class Program
{
    static string Blocking(int seconds, ManualResetEventSlim ticksDone)
    {
        ticksDone.Wait();  // let the ticker finish first, so the output is deterministic
        Time.Sleep(seconds);
        return $"slept {seconds}";
    }

    static async Coroutine Ticker(ManualResetEventSlim ticksDone)
    {
        for (int i = 0; i < 3; i++)
        {
            Print($"tick {i} at {Str(GetRunningLoop().Time())}");
            await Sleep(0);
        }
        ticksDone.Set();
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var ticksDone = new ManualResetEventSlim();
        var task = CreateTask(Ticker(ticksDone));
        var result = await loop.RunInExecutor(null, () => Blocking(3, ticksDone));
        Print(result);
        await task;
        Print($"done at {Str(loop.Time())}");
    }

    public static void Entry() => Run(Main());
}
