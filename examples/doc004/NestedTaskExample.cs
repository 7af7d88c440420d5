// Seed 004, "Awaitables / Tasks": create_task wraps nested() in a Task scheduled to run soon; main
// then awaits it. The document's snippet prints nothing; the example prints the task right after
// create_task (still pending: it has not run yet) and the result of awaiting it.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 7, "nested_task", Title = "a coroutine wrapped in a task is scheduled soon")]
public static class NestedTaskExample
{
    static async Coroutine<int> Nested()
    {
        return 42;
    }

    static async Coroutine Main()
    {
        var task = CreateTask(Nested());
        Print(task);
        Print(await task);
    }


    public static void Entry() => Run(Main());
}
