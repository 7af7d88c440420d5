using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ShieldDoneFuture;

public static class Program
{
    static async Coroutine<int> Answer()
    {
        return 42;
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var fut = loop.CreateFuture<string>();
        fut.SetResult("ready");
        var shielded = Shield(fut);
        Print(ReferenceEquals(shielded, fut));
        Print(await shielded);

        var task = CreateTask(Answer());
        await task;
        Print(ReferenceEquals(Shield(task), task));
        Print(await Shield(task));

        var pending = loop.CreateFuture<string>();
        shielded = Shield(pending);
        Print(ReferenceEquals(shielded, pending), shielded.Done());
        pending.SetResult("later");
        Print(await shielded);
    }

    public static void Entry() => Run(Main());
}
