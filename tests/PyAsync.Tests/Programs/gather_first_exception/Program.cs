using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherFirstException;

public static class Program
{
    static async Coroutine<string> Worker(string name, double seconds)
    {
        await Sleep(seconds);
        Print($"{name} finished at {Str(GetRunningLoop().Time())}");
        return name;
    }

    static async Coroutine Failing(int seconds)
    {
        await Sleep(seconds);
        throw new ValueError($"failed after {seconds}");
    }

    static async Coroutine Main()
    {
        var slow = CreateTask(Worker("slow", 3));
        var fast = CreateTask(Worker("fast", 0.5));
        try
        {
            await Gather(fast, Failing(1), slow);
        }
        catch (ValueError e)
        {
            Print($"gather raised {Repr(e)} at {Str(GetRunningLoop().Time())}");
        }
        // the other children were not cancelled: they keep running
        Print(fast.Done(), slow.Done(), slow.Cancelled());
        Print(await slow);
        Print($"end at {Str(GetRunningLoop().Time())}");
    }

    public static void Entry() => Run(Main());
}
