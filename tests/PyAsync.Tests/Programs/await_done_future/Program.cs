using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.AwaitDoneFuture;

public static class Program
{
    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var fut = loop.CreateFuture<string>();
        fut.SetResult("ready");
        loop.CallSoon(() => Print("callback"));
        // awaiting a future that is already done does not yield to the loop
        Print(await fut);
        Print(await fut);
        Print("before sleep(0)");
        await Sleep(0);
        Print("after sleep(0)");

        var task = CreateTask(Sleep(0, "task result"));
        await Sleep(0);
        await Sleep(0);
        Print(task.Done());
        loop.CallSoon(() => Print("callback 2"));
        Print(await task);  // a done task does not yield either
        Print("before second sleep(0)");
        await Sleep(0);
    }

    public static void Entry() => Run(Main());
}
