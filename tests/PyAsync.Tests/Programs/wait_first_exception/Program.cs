using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.WaitFirstException;

public static class Program
{
    static async Coroutine<int> Ok(int seconds)
    {
        await Sleep(seconds);
        return seconds;
    }

    static async Coroutine<int> Failing(int seconds)
    {
        await Sleep(seconds);
        throw new ValueError($"bad after {seconds}");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var tasks = new List<PyTask<int>>
        {
            CreateTask(Ok(1), name: "ok-1"),
            CreateTask(Failing(2), name: "failing-2"),
            CreateTask(Ok(5), name: "ok-5"),
        };
        var (done, pending) = await Wait(tasks, returnWhen: FirstException);
        Print($"at {Str(loop.Time())}");
        foreach (var t in done.OrderBy(t => t.GetName(), StringComparer.Ordinal))
        {
            Print(t.GetName(), Repr(t.Exception()));
        }
        Print(pending.Select(t => t.GetName()).Order(StringComparer.Ordinal).ToList());
        foreach (var t in pending)
        {
            t.Cancel();
        }
        (done, pending) = await Wait(pending);
        Print($"at {Str(loop.Time())}: {Str(done.Select(t => t.Cancelled()).ToList())} {Str(pending)}");

        // without any exception, FIRST_EXCEPTION waits for all of them
        var more = new[] { 1, 2 }.Select(s => CreateTask(Ok(s))).ToList();
        (done, pending) = await Wait(more, returnWhen: FirstException);
        Print($"at {Str(loop.Time())}: {Str(done.Select(t => t.Result()).Order().ToList())} {pending.Count}");
    }

    public static void Entry() => Run(Main());
}
