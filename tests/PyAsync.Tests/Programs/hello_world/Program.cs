using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.HelloWorld;

public static class Program
{
    static async Coroutine Main()
    {
        Print("hello");
        await Sleep(1);
        Print("world");
    }

    public static void Entry() => Run(Main());
}
