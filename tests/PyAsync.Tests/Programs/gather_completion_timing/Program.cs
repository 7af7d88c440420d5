using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherCompletionTiming;

public static class Program
{
    static readonly List<string> Log = [];

    static async Coroutine<int> Child(int i, int steps)
    {
        for (int s = 0; s < steps; s++)
            await Sleep(0);
        Log.Add($"child {i} done");
        return i;
    }

    static void Tick(EventLoop loop, int n)
    {
        Log.Add($"tick {n}");
        if (n < 7)
            loop.CallSoon(m => Tick(loop, m), n + 1);
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        loop.CallSoon(n => Tick(loop, n), 0);
        var g = Gather(Child(0, 3), Child(1, 1), Child(2, 2));
        g.AddDoneCallback(f => Log.Add("gather done callback"));
        var results = await g;
        Log.Add($"results {Str(results)}");
        var bad = Gather(true, Child(3, 1), Sleep(0, "x"));
        Log.Add($"second {Str(await bad)}");
        foreach (var line in Log)
            Print(line);
    }

    public static void Entry()
    {
        Log.Clear();
        Run(Main());
    }
}
