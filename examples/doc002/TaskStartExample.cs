// Seed 002, the prose "¿Cuándo se ejecuta una task tras crearla?" (no code in the document): after
// asyncio.create_task() the task does not run at once; it runs when the coroutine running now
// suspends (here at `await asyncio.sleep(0)`) and the event loop gets to it.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc002;

[Example("002", 5, "task_start", Title = "a new task runs when the current coroutine suspends")]
public static class TaskStartExample
{
    static async Coroutine MyTask()
    {
        Print("my_task: se ejecuta");
    }


    static async Coroutine Main()
    {
        var task = CreateTask(MyTask());
        Print("main: task creada, pero todavia no se ha ejecutado");
        Print("main: task.done():", task.Done());
        // al suspenderse main, el event loop tiene la oportunidad de ejecutar la task
        await Sleep(0);
        Print("main: task.done():", task.Done());
    }


    public static void Entry() => Run(Main());
}
