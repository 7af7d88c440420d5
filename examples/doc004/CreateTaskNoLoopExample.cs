// Seed 004, "Creating tasks", prose (no code): the task runs in the loop returned by
// get_running_loop(), and RuntimeError is raised if no loop is running in the current thread. The
// example calls create_task at module level, outside asyncio.run: CPython raises
// "RuntimeError: no running event loop", and the coroutine object that was never scheduled is then
// reported on stderr: "RuntimeWarning: coroutine 'nested' was never awaited".
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 10, "create_task_no_loop", Title = "create_task without a running loop raises")]
public static class CreateTaskNoLoopExample
{
    static async Coroutine<int> Nested()
    {
        return 42;
    }

    public static void Entry()
    {
        try
        {
            var task = CreateTask(Nested());
        }
        catch (RuntimeError e)
        {
            Print($"RuntimeError: {Str(e)}");
        }
    }
}
