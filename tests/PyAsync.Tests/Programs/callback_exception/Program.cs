using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CallbackException;

public static class Program
{
    static void Broken(int value)
    {
        Print($"broken called with {value}");
        throw new ValueError($"bad {value}");
    }

    static void Fine()
    {
        Print("fine still runs");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        loop.CallSoon(Broken, 1);
        loop.CallSoon(Fine);
        loop.CallLater(1, Broken, 2);
        await Sleep(2);
        Print("main done");
    }

    public static void Entry() => Run(Main());
}
