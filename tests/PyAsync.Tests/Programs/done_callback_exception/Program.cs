using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.DoneCallbackException;

public static class Program
{
    static void BrokenCallback(Future<int> fut)
    {
        Print($"broken_callback sees {fut.Result()}");
        throw new RuntimeError("callback blew up");
    }

    static void NextCallback(Future<int> fut)
    {
        Print("next_callback still runs");
    }

    static async Coroutine Main()
    {
        var fut = GetRunningLoop().CreateFuture<int>();
        fut.AddDoneCallback(BrokenCallback);
        fut.AddDoneCallback(NextCallback);
        fut.SetResult(7);
        Print(await fut);
        await Sleep(0);
        Print("main done");
    }

    public static void Entry() => Run(Main());
}
