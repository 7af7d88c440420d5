// Seed 004, "Coroutines", the create_task version of say_after: the two coroutines run concurrently
// as tasks, so the program takes 2 seconds instead of 3. The document's snippet relies on say_after
// from the previous snippet and lacks `import time` and `asyncio.run(main())`; the example adds them.
// The document's Python prints the real time of day; on the virtual clock both sides start at 12:00:00.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 4, "say_after_create_task", Title = "two tasks run concurrently: 2 s, not 3")]
public static class SayAfterCreateTaskExample
{
    static async Coroutine SayAfter(double delay, string what)
    {
        await Sleep(delay);
        Print(what);
    }

    static async Coroutine Main()
    {
        var task1 = CreateTask(SayAfter(1, "hello"));
        var task2 = CreateTask(SayAfter(2, "world"));

        Print($"started at {Time.Strftime("%X")}");

        // wait until both tasks are completed
        // (should take around 2 seconds)
        await task1;
        await task2;

        Print($"finished at {Time.Strftime("%X")}");
    }

    public static void Entry() => Run(Main());
}
