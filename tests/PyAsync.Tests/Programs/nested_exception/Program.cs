using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.NestedException;

public static class Program
{
    static async Coroutine LevelThree()
    {
        await Sleep(1);
        throw new RuntimeError("deep failure");
    }

    static async Coroutine LevelTwo()
    {
        Print("level two");
        await LevelThree();
        Print("not reached");
    }

    static async Coroutine LevelOne()
    {
        Print("level one");
        await LevelTwo();
        Print("not reached");
    }

    static async Coroutine Main()
    {
        try
        {
            await LevelOne();
        }
        catch (RuntimeError e)
        {
            Print($"caught in main: {Str(e)}");
            Print(Repr(e));
        }
    }

    public static void Entry() => Run(Main());
}
