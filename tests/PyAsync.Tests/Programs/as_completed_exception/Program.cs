using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.AsCompletedException;

public static class Program
{
    static async Coroutine<int> Job(int seconds, bool fail = false)
    {
        await Sleep(seconds);
        if (fail)
        {
            throw new ValueError($"job {seconds} failed");
        }
        return seconds;
    }

    static async Coroutine Main()
    {
        var tasks = new List<PyTask<int>> { CreateTask(Job(3)), CreateTask(Job(1, fail: true)), CreateTask(Job(2)) };
        foreach (var coro in AsCompleted(tasks))
        {
            try
            {
                Print($"result {await coro}");
            }
            catch (ValueError e)
            {
                Print($"error {Repr(e)} at {Str(GetRunningLoop().Time())}");
            }
        }
        Print(tasks.Select(t => t.Done()).ToList());
    }

    public static void Entry() => Run(Main());
}
