using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskGroupSeveralErrors;

public static class Program
{
    static async Coroutine FailWith(Exception exc, double seconds)
    {
        await Sleep(seconds);
        throw exc;
    }

    static async Coroutine Sleeper()
    {
        try
        {
            await Sleep(10);
        }
        finally
        {
            Print("sleeper cleaning up");
            await Sleep(1);
            Print("sleeper cleaned up");
        }
    }

    static async Coroutine Main()
    {
        try
        {
            await using (var tg = TaskGroup())
            {
                _ = tg.CreateTask(FailWith(new ValueError("bad value"), 1));
                _ = tg.CreateTask(FailWith(new RuntimeError("no key"), 1));
                _ = tg.CreateTask(Sleeper());
                _ = tg.CreateTask(FailWith(new TypeError("too late"), 1.5));
            }
        }
        catch (ExceptionGroup eg)
        {
            Print($"{Type(eg).Name}: {Str(eg)}");
            Print(Repr(eg.Args[0]), eg.Exceptions.Count);
            foreach (var e in eg.Exceptions)
            {
                Print($"  {Repr(e)}");
            }
        }
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
