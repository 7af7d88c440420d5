using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.FutureSharedWaiters;

public static class Program
{
    static async Coroutine Waiter(string name, Future<string> fut)
    {
        Print($"{name} waiting");
        var value = await fut;
        Print($"{name} got {value}");
    }

    static void OnDone(Future<string> fut)
    {
        Print($"on_done: {fut.Result()}");
    }

    static async Coroutine Main()
    {
        var fut = GetRunningLoop().CreateFuture<string>();
        var first = CreateTask(Waiter("first", fut));
        var second = CreateTask(Waiter("second", fut));
        await Sleep(0);
        Print(fut);
        fut.AddDoneCallback(OnDone);
        Print(fut);
        Print(first);
        fut.SetResult("shared");
        Print(fut);
        await first;
        await second;
        Print(second);
    }

    public static void Entry() => Run(Main());
}
