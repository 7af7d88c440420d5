using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskReprStates;

public static class Program
{
    static async Coroutine Sleeper()
    {
        await Sleep(10);
    }

    static async Coroutine<int> Answer()
    {
        await Sleep(1);
        return 42;
    }

    static async Coroutine Failing()
    {
        throw new ValueError("oops");
    }

    static async Coroutine Main()
    {
        IPyTask task = CreateTask(Sleeper());
        Print(task);  // pending, not started
        await Sleep(0);
        Print(task);  // waiting on the sleep
        task.Cancel();
        Print(task);  // cancelling
        try
        {
            await task;
        }
        catch (CancelledError)
        {
        }
        Print(task);  // cancelled

        task = CreateTask(Answer());
        await task;
        Print(task);  // finished with a result

        task = CreateTask(Failing());
        try
        {
            await task;
        }
        catch (ValueError)
        {
        }
        Print(task);  // finished with an exception
    }

    public static void Entry() => Run(Main());
}
