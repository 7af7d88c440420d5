using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.WaitTimeoutPending;

public static class Program
{
    static async Coroutine<int> Job(int seconds)
    {
        await Sleep(seconds);
        Print($"job {seconds} finished at {Str(GetRunningLoop().Time())}");
        return seconds;
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var tasks = new[] { 1, 4, 2, 6 }.Select(s => CreateTask(Job(s))).ToList();
        var (done, pending) = await Wait(tasks, timeout: 3);
        Print($"timeout at {Str(loop.Time())}");
        Print("done:", done.Select(t => t.Result()).Order().ToList());
        // the timeout cancelled nothing: the pending ones go on
        Print("pending:", pending.Count, pending.Any(t => t.Cancelled()));
        (done, pending) = await Wait(pending, timeout: 10, returnWhen: AllCompleted);
        Print($"all done at {Str(loop.Time())}");
        Print("done:", done.Select(t => t.Result()).Order().ToList(), "pending:", pending);
    }

    public static void Entry() => Run(Main());
}
