using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.FutureReprCallbacks;

public static class Program
{
    static void OnDone(Future<object?> fut)
    {
        Print($"on_done: {fut}");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var fut = loop.CreateFuture();
        Print(fut);
        fut.AddDoneCallback(OnDone);
        Print(fut);
        fut.Cancel("stop");
        Print(fut);
        Print(fut.Cancelled(), fut.Done());
        await Sleep(0);

        fut = loop.CreateFuture();
        fut.SetException(new RuntimeError("failed"));
        Print(fut);
        Print(Repr(fut.Exception()));

        fut = loop.CreateFuture();
        fut.SetResult(new List<object?> { 1, "two", None });
        Print(fut);
        Print(await fut);
    }

    public static void Entry() => Run(Main());
}
