// Seed 003, "Configurando timeout" (prose, no code): asyncio.wait_for takes a coroutine or a task and
// a timeout in seconds; when the task takes longer, it is cancelled and wait_for raises. The
// document calls the exception "TimeoutException"; CPython raises asyncio.TimeoutError (the builtin
// TimeoutError since 3.11). The example is the book's listing: a 2-second task with a 1-second
// timeout, then cancelled() shows the task was cancelled.
using static PyAsync.Asyncio;
using static PyAsync.Examples.Doc003.Util;

namespace PyAsync.Examples.Doc003;

[Example("003", 8, "wait_for_timeout", Title = "wait_for cancels a task that exceeds its timeout")]
public static class WaitForTimeoutExample
{
    static async Coroutine Main()
    {
        var delayTask = CreateTask(Delay(2));
        try
        {
            var result = await WaitFor(delayTask, timeout: 1);
            Print(result);
        }
        catch (TimeoutError)
        {
            Print("Got a timeout!");
            Print($"Was the task cancelled? {Str(delayTask.Cancelled())}");
        }
    }

    public static void Entry() => Run(Main());
}
