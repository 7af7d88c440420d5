using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ShutdownCancelsPending;

public static class Program
{
    static async Coroutine Background()
    {
        try
        {
            Print("background: started");
            await Sleep(3600);
            Print("background: woke up");  // never printed
        }
        catch (CancelledError)
        {
            Print("background: cancelled");
            throw;
        }
        finally
        {
            Print("background: cleaning up");
        }
    }

    static async Coroutine Main()
    {
        _ = CreateTask(Background());
        await Sleep(1);
        Print("main: returning");
    }

    public static void Entry()
    {
        Run(Main());
        Print("after run");
    }
}
