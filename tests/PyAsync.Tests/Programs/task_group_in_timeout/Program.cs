using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskGroupInTimeout;

public static class Program
{
    static async Coroutine Worker(string name, int seconds)
    {
        try
        {
            await Sleep(seconds);
            Print($"{name} done");
        }
        catch (CancelledError)
        {
            Print($"{name} cancelled at {Str(GetRunningLoop().Time())}");
            throw;
        }
    }

    static async Coroutine Main()
    {
        PyTimeout cm = null!;
        try
        {
            await using (cm = Timeout(2))
            {
                await using (var tg = TaskGroup())
                {
                    _ = tg.CreateTask(Worker("short", 1));
                    _ = tg.CreateTask(Worker("long", 5));
                }
            }
        }
        catch (TimeoutError)
        {
            Print($"timed out at {Str(GetRunningLoop().Time())}: {Str(cm.Expired())}");
        }

        await using (cm = Timeout(10))
        {
            await using (var tg = TaskGroup())
            {
                _ = tg.CreateTask(Worker("fits", 3));
            }
        }
        Print($"in time at {Str(GetRunningLoop().Time())}: {Str(cm.Expired())}");
    }

    public static void Entry() => Run(Main());
}
