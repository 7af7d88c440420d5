using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.WaitErrors;

public static class Program
{
    static async Coroutine<string> Job()
    {
        await Sleep(1);
        return "job done";
    }

    static async Coroutine Main()
    {
        try
        {
            await Wait(new List<Future>());
        }
        catch (ValueError e)
        {
            Print($"ValueError: {Str(e)}");
        }

        try
        {
            await Wait(new List<IAwaitable> { Job() });
        }
        catch (TypeError e)
        {
            Print($"TypeError: {Str(e)}");
        }

        // the same task twice counts once: wait works on a set
        var task = CreateTask(Job());
        var (done, pending) = await Wait(new[] { task, task });
        Print(done.Count, pending.Count);
        Print(done.Select(t => t.Result()).ToList());
    }

    public static void Entry() => Run(Main());
}
