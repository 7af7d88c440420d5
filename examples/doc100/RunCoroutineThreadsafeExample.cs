// Blocking code in another thread hands coroutines to the running loop with
// run_coroutine_threadsafe() and blocks on the concurrent.futures.Future it gets back
// (ConcurrentFuture): a result, an exception, and a wait that times out, after which cancel()
// cancels the task on the loop. The blocking client runs in to_thread, so the loop goes on. The
// Python reuses one variable for the three futures; C# names them apart, as their types differ.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 16, "run_coroutine_threadsafe", Title = "run_coroutine_threadsafe from a thread: result, exception, timeout, cancel")]
public static class RunCoroutineThreadsafeExample
{
    static readonly List<PyTask> Started = [];

    static async Coroutine<int> Add(int a, int b)
    {
        Print($"loop: adding {a} + {b}");
        await Sleep(0);
        return a + b;
    }

    static async Coroutine Fail()
    {
        await Sleep(0);
        throw new ValueError("bad input");
    }

    static async Coroutine Forever()
    {
        Started.Add((PyTask)CurrentTask()!);
        await Event().Wait();  // never set
    }

    static string BlockingClient(EventLoop loop)
    {
        Print("thread: submitting add(2, 3)");
        var future = RunCoroutineThreadsafe(Add(2, 3), loop);
        Print("thread: result", future.Result(timeout: 10));
        Print("thread: done", future.Done());

        var failing = RunCoroutineThreadsafe(Fail(), loop);
        try
        {
            failing.Result(timeout: 10);
        }
        catch (ValueError e)
        {
            Print("thread: ValueError:", e);
        }
        Print("thread: exception", Repr(failing.Exception()));

        var endless = RunCoroutineThreadsafe(Forever(), loop);
        try
        {
            endless.Result(timeout: 0.05);
        }
        catch (TimeoutError)
        {
            Print("thread: timed out waiting");
        }
        // cancel() also cancels the task on the loop
        Print("thread: cancel", endless.Cancel(), endless.Cancelled());
        return "client finished";
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        // the blocking client runs in a worker thread while the loop goes on
        Print("main:", await ToThread(() => BlockingClient(loop)));
        await Wait(Started);
        Print("main: forever() cancelled", Started[0].Cancelled());
    }

    public static void Entry() => Run(Main());
}
