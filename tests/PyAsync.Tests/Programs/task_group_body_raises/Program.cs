using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskGroupBodyRaises;

public static class Program
{
    static async Coroutine Child(string name)
    {
        try
        {
            await Sleep(5);
            Print($"{name} finished");
        }
        catch (CancelledError)
        {
            Print($"{name} cancelled");
            throw;
        }
    }

    static async Coroutine Main()
    {
        try
        {
            await TaskGroup(async tg =>
            {
                _ = tg.CreateTask(Child("first"));
                await Sleep(1);
                _ = tg.CreateTask(Child("second"));
                throw new ValueError("body failed");
            });
        }
        catch (ExceptionGroup eg) when (eg.Subgroup(e => e is ValueError) is { } matched)
        {
            Print($"caught {Repr(matched.Exceptions)}");
        }
        Print(GetRunningLoop().Time());

        try
        {
            await TaskGroup(async tg =>
            {
                _ = tg.CreateTask(Child("third"));
                throw new RuntimeError("before any await");
            });
        }
        catch (ExceptionGroup eg) when (eg.Subgroup(e => e is RuntimeError) is { } matched)
        {
            Print($"caught {Repr(matched.Exceptions)}");
        }
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
