using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskGroupFailureCancels;

public static class Program
{
    static async Coroutine Sibling(string name, double seconds)
    {
        try
        {
            await Sleep(seconds);
            Print($"{name} finished");
        }
        catch (CancelledError)
        {
            Print($"{name} cancelled at {Str(GetRunningLoop().Time())}");
            throw;
        }
        finally
        {
            Print($"{name} finally");
        }
    }

    static async Coroutine Failing()
    {
        await Sleep(1);
        throw new ValueError("child failed");
    }

    static async Coroutine Main()
    {
        try
        {
            await using (var tg = TaskGroup())
            {
                _ = tg.CreateTask(Sibling("quick", 0.5));
                _ = tg.CreateTask(Sibling("slow", 5));
                _ = tg.CreateTask(Failing());
                try
                {
                    await Sleep(10);
                }
                catch (CancelledError)
                {
                    Print("body cancelled");
                    throw;
                }
                Print("not reached");
            }
        }
        catch (ExceptionGroup eg) when (eg.Subgroup(e => e is ValueError) is { } matched)
        {
            Print($"caught {Repr(matched)}");
            foreach (var e in matched.Exceptions)
            {
                Print($"  {Type(e).Name}: {Str(e)}");
            }
        }
        Print($"end at {Str(GetRunningLoop().Time())}");
    }

    public static void Entry() => Run(Main());
}
