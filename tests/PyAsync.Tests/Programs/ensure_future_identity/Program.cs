using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.EnsureFutureIdentity;

public static class Program
{
    static async Coroutine<string> Compute()
    {
        await Sleep(1);
        return "computed";
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var coro = Compute();
        var task = (PyTask<string>)EnsureFuture(coro);
        Print(Type(task), task.GetName(), ReferenceEquals(task.GetCoro(), coro));
        Print(ReferenceEquals(EnsureFuture(task), task));

        var fut = loop.CreateFuture<string>();
        Print(ReferenceEquals(EnsureFuture(fut), fut));
        loop.CallLater(2, fut.SetResult, "set later");

        Print(await task);
        Print(await EnsureFuture(fut));
        Print(loop.Time());
    }

    public static void Entry() => Run(Main());
}
