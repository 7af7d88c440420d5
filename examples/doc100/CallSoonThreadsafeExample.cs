// A plain thread talks to the loop with loop.call_soon_threadsafe(): it resolves a future the loop
// awaits, and its callbacks join the loop's ready queue in the order they were called, ahead of a
// task step that is queued after them. The handle it returns can be cancelled before it runs.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 17, "call_soon_threadsafe", Title = "call_soon_threadsafe from a thread: a future, call order, cancel")]
public static class CallSoonThreadsafeExample
{
    static void Producer(EventLoop loop, Future<string> future, List<int> results)
    {
        for (var i = 0; i < 3; i++)
            loop.CallSoonThreadsafe(results.Add, i);
        loop.CallSoonThreadsafe(future.SetResult, "data from the thread");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var future = loop.CreateFuture<string>();
        var results = new List<int>();
        var thread = new Thread(() => Producer(loop, future, results));
        thread.Start();
        Print("main: waiting for the thread");
        Print("main: got", Repr(await future));
        thread.Join();
        Print("main: results", results);

        // Callbacks queued from a thread run on the next loop turn, before a task step that is
        // already waiting behind them
        results = [];
        thread = new Thread(() => { for (var i = 0; i < 3; i++) loop.CallSoonThreadsafe(results.Add, i); });
        thread.Start();
        thread.Join();  // blocks the loop, briefly: the callbacks are queued meanwhile
        Print("before a loop turn", results);
        await Sleep(0);
        Print("after a loop turn", results);

        // The handle it returns can be cancelled before the loop runs it
        var handle = loop.CallSoonThreadsafe(() => Print("never printed"));
        handle.Cancel();
        await Sleep(0);
        Print("cancelled:", handle.Cancelled());
    }

    public static void Entry() => Run(Main());
}
