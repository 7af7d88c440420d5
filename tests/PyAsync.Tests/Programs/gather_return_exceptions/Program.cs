using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.GatherReturnExceptions;

public static class Program
{
    static async Coroutine<string> Ok(string value)
    {
        await Sleep(1);
        return value;
    }

    static async Coroutine Failing()
    {
        await Sleep(2);
        throw new RuntimeError("missing");
    }

    static async Coroutine Sleeper()
    {
        await Sleep(10);
    }

    static async Coroutine Main()
    {
        var victim = CreateTask(Sleeper());
        GetRunningLoop().CallLater(3, () => victim.Cancel());
        var results = await Gather(returnExceptions: true, Ok("a"), Failing(), victim, Ok("b"));
        foreach (var r in results)
        {
            Print(Type(r).Name, Repr(r));
        }
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
