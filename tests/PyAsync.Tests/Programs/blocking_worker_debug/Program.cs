using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.BlockingWorkerDebug;

public static class Program
{
    static async Coroutine Worker()
    {
        Print("worker: blocking the loop");
        Time.Sleep(3);  // blocks the whole event loop for 3 seconds
        Print("worker: done");
    }

    static async Coroutine Main()
    {
        Print($"before at {Time.Strftime("%X")}");
        await CreateTask(Worker());
        Print($"after at {Time.Strftime("%X")}");
    }

    // debug mode reports the slow task step on stderr
    public static void Entry() => Run(Main(), debug: true);
}
