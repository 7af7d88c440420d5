using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskGroupBodyAwaitsFailing;

public static class Program
{
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
                var t = tg.CreateTask(Failing());
                try
                {
                    await t;
                }
                catch (Exception e)
                {
                    // the group cancels the body before it sees the child's error
                    Print($"body got {Repr(e)}");
                    throw;
                }
            }
        }
        catch (ExceptionGroup eg) when (eg.Subgroup(e => e is ValueError) is { } matched)
        {
            Print($"caught {matched.Exceptions.Count}: {Repr(matched.Exceptions[0])}");
        }
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
