// Seed 003, "Cancelando Tasks": main polls a 10-second task with done() once a second and cancels it
// after 5 seconds; the cancellation is delivered at the task's pending await (the sleep inside
// delay), and awaiting the cancelled task raises CancelledError, which main catches. The document
// shows no output; CPython's first poll line comes before delay's first line (the task has not
// started yet), and "finished sleeping" is never printed.
using static PyAsync.Asyncio;
using static PyAsync.Examples.Doc003.Util;

namespace PyAsync.Examples.Doc003;

[Example("003", 7, "cancel_long_task", Title = "cancelling a long task while polling done()")]
public static class CancelLongTaskExample
{
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
            {
                longTask.Cancel();
            }
        }
        try
        {
            await longTask;
        }
        catch (CancelledError)
        {
            Print("Our task was cancelled");
        }
    }

    public static void Entry() => Run(Main());
}
