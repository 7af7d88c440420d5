using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TimeoutAtDeadline;

public static class Program
{
    static async Coroutine<int> Work(int seconds)
    {
        await Sleep(seconds);
        return seconds;
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var deadline = loop.Time() + 3;
        var results = new List<int>();
        try
        {
            await using (var cm = TimeoutAt(deadline))
            {
                Print($"when: {Str(cm.When())}");
                foreach (var s in new[] { 1, 1, 2 })
                {
                    results.Add(await Work(s));
                    Print($"finished {s} at {Str(loop.Time())}");
                }
            }
        }
        catch (TimeoutError)
        {
            Print($"deadline {Str(deadline)} passed at {Str(loop.Time())}");
        }
        Print(results);
    }

    public static void Entry() => Run(Main());
}
