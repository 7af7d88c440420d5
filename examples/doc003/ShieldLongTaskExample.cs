// Seed 003, "Usando Shield" (prose, no code): to learn that a task takes longer than expected without
// cancelling it, wrap it in asyncio.shield before wait_for. The example is the book's listing: the
// 5-second timeout fires, the shielded 10-second task keeps running, and awaiting it again gives its
// result at 10 seconds.
using static PyAsync.Asyncio;
using static PyAsync.Examples.Doc003.Util;

namespace PyAsync.Examples.Doc003;

[Example("003", 9, "shield_long_task", Title = "shield keeps a timed-out task running")]
public static class ShieldLongTaskExample
{
    static async Coroutine Main()
    {
        var task = CreateTask(Delay(10));
        try
        {
            var result = await WaitFor(Shield(task), 5);
            Print(result);
        }
        catch (TimeoutError)
        {
            Print("Task took longer than five seconds, it will finish soon!");
            var result = await task;
            Print(result);
        }
    }

    public static void Entry() => Run(Main());
}
