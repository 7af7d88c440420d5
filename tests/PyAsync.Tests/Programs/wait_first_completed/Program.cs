using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.WaitFirstCompleted;

public static class Program
{
    static async Coroutine<int> Delay(int seconds)
    {
        await Sleep(seconds);
        return seconds;
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var tasks = new[] { 3, 1, 2 }.Select(s => CreateTask(Delay(s), name: $"delay-{s}")).ToList();
        var (done, pending) = await Wait(tasks, returnWhen: FirstCompleted);
        Print($"at {Str(loop.Time())}: done={Str(done.Select(t => t.GetName()).Order(StringComparer.Ordinal).ToList())}");
        Print($"pending={Str(pending.Select(t => t.GetName()).Order(StringComparer.Ordinal).ToList())}");
        Print(done.Select(t => t.Result()).ToList());

        (done, pending) = await Wait(pending, returnWhen: FirstCompleted);
        Print($"at {Str(loop.Time())}: done={Str(done.Select(t => t.GetName()).Order(StringComparer.Ordinal).ToList())}");

        (done, pending) = await Wait(tasks);
        Print($"at {Str(loop.Time())}: done={done.Count} pending={pending.Count}");
        Print(done.Select(t => t.Result()).Order().ToList());
    }

    public static void Entry() => Run(Main());
}
