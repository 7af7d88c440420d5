// Seed 004, "Creating tasks", the "Important" note: keep a reference to fire-and-forget tasks in a
// set, and let each task remove itself with add_done_callback(background_tasks.discard). The
// document's snippet calls create_task at module level, where no loop runs (RuntimeError), and
// leaves some_coro undefined; the example defines some_coro, moves the loop into main, run by
// asyncio.run, and prints the set's size before and after the tasks finish. (PyAsync's loop keeps
// tasks alive anyway; the set is kept here as in CPython.)
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 11, "background_tasks", Title = "a set keeps references to background tasks")]
public static class BackgroundTasksExample
{
    static readonly HashSet<IPyTask> BackgroundTasks = new();

    static async Coroutine SomeCoro(int param)
    {
        await Sleep(1);
        Print($"some_coro(param={param}) done");
    }

    static async Coroutine Main()
    {
        for (var i = 0; i < 10; i++)
        {
            var task = CreateTask(SomeCoro(param: i));

            // Add task to the set. This creates a strong reference
            BackgroundTasks.Add(task);

            // To prevent keeping references to finished tasks forever,
            // make each task remove its own reference from the set after completion:
            task.AddDoneCallback(t => BackgroundTasks.Remove(t));
        }

        Print($"{BackgroundTasks.Count} background tasks");
        await Sleep(2);
        Print($"{BackgroundTasks.Count} background tasks");
    }

    public static void Entry() => Run(Main());
}
