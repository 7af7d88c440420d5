// Seed 004, "Coroutines", the asyncio.TaskGroup version of say_after (Python 3.11+): the group awaits
// both tasks when the `async with` block exits; 2 seconds in all. The document's snippet lacks
// say_after, `import time` and `asyncio.run(main())`, and its indentation is broken: the comment and
// the last print are indented by 3 spaces, which CPython rejects (IndentationError: unindent does not
// match any outer indentation level). The example adds what is missing and puts the final print at
// the level of the `async with`, after the block, where the comment says it belongs.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 5, "say_after_task_group", Title = "TaskGroup awaits its tasks when the block exits")]
public static class SayAfterTaskGroupExample
{
    static async Coroutine SayAfter(double delay, string what)
    {
        await Sleep(delay);
        Print(what);
    }

    static async Coroutine Main()
    {
        await using (var tg = TaskGroup())
        {
            var task1 = tg.CreateTask(SayAfter(1, "hello"));
            var task2 = tg.CreateTask(SayAfter(2, "world"));

            Print($"started at {Time.Strftime("%X")}");
        }

        // The await is implicit when the context manager exits.

        Print($"finished at {Time.Strftime("%X")}");
    }

    public static void Entry() => Run(Main());
}
