using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CancelLongTask;

public static class Program
{
    static async Coroutine<int> Delay(int seconds)
    {
        Print($"sleeping for {seconds} second(s)");
        await Sleep(seconds);
        Print($"finished sleeping for {seconds} second(s)");
        return seconds;
    }

    static async Coroutine Main()
    {
        var longTask = CreateTask(Delay(10));

        var secondsElapsed = 0;

        while (!longTask.Done())
        {
            Print("Task not finished, checking again in a second.");
            await Sleep(1);
            secondsElapsed = secondsElapsed + 1;
            if (secondsElapsed == 5)
                longTask.Cancel();
        }

        try
        {
            await longTask;
        }
        catch (CancelledError)
        {
            Print("Our task was cancelled");
        }
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
