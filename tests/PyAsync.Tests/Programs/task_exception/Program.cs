using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskException;

public static class Program
{
    static async Coroutine Failing()
    {
        await Sleep(1);
        throw new ValueError("bad value");
    }

    static async Coroutine Main()
    {
        var task = CreateTask(Failing());
        try
        {
            await task;
        }
        catch (ValueError e)
        {
            Print($"caught: {Str(e)}");
        }
        var exc = task.Exception();
        Print(Type(exc).Name, exc);
        Print(Repr(exc));
        Print(task.Done(), task.Cancelled());
        try
        {
            task.Result();
        }
        catch (Exception e) when (e is not CancelledError)
        {
            Print($"result() raised {Repr(e)}");
        }
    }

    public static void Entry() => Run(Main());
}
