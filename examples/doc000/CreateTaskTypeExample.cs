// Seed 000, snippet "Ejemplo asyncio sleep" (first): asyncio.create_task wraps delay(3) in a task
// scheduled on the event loop; its type is _asyncio.Task, and awaiting it gives delay's result.
// The document's output is CPython's.
using static PyAsync.Asyncio;
using static PyAsync.Examples.Doc000.Util;

namespace PyAsync.Examples.Doc000;

[Example("000", 2, "create_task_type", Title = "create_task, the type of a task, its result")]
public static class CreateTaskTypeExample
{
    static async Coroutine Main()
    {
        var sleepForThree = CreateTask(Delay(3));
        Print(Type(sleepForThree));
        var result = await sleepForThree;
        Print(result);
    }

    public static void Entry() => Run(Main());
}
