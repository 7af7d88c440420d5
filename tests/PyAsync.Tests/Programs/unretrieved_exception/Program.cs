using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.UnretrievedException;

public static class Program
{
    static async Coroutine FireAndForget()
    {
        await Sleep(1);
        throw new ValueError("boom");
    }

    static async Coroutine Main()
    {
        _ = CreateTask(FireAndForget());
        await Sleep(2);
        Print("end");
    }

    public static void Entry() => Run(Main());
}
