using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ShieldInnerFails;

public static class Program
{
    static async Coroutine Fragile(int seconds)
    {
        await Sleep(seconds);
        throw new RuntimeError($"broke after {seconds}");
    }

    static async Coroutine Main()
    {
        // cancelling the shield detaches it: nobody retrieves this failure
        var ignored = CreateTask(Fragile(1));
        var outer = Shield(ignored);
        outer.Cancel();
        await Sleep(2);
        Print(ignored.Done(), outer.Cancelled());

        // this one is awaited directly after the shield was cancelled
        var inner = CreateTask(Fragile(1));
        outer = Shield(inner);
        await Sleep(0);
        outer.Cancel();
        try
        {
            await inner;
        }
        catch (RuntimeError e)
        {
            Print($"inner raised {Repr(e)}");
        }

        // a task nobody keeps fails: reported as soon as it is collected
        _ = CreateTask(Fragile(1));
        await Sleep(2);
        Print("end");
    }

    public static void Entry() => Run(Main());
}
