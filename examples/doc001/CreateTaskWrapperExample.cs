// Seed 001, the prose on asyncio.create_task() (no code in the document): it wraps a coroutine in
// an instance of Task and adds it to the event loop's queue. The task only starts when main yields
// to the loop (at its await), and awaiting it gives the coroutine's result.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc001;

[Example("001", 3, "create_task_wrapper", Title = "create_task wraps a coroutine in a Task")]
public static class CreateTaskWrapperExample
{
    static async Coroutine<int> Worker()
    {
        Print("worker - empieza");
        await Sleep(1);
        Print("worker - termina");
        return 42;
    }


    static async Coroutine Main()
    {
        // create_task encapsula la corrutina en una Task y la agrega al event loop
        var task = CreateTask(Worker());
        Print("main - tipo de la tarea:", Type(task));
        Print("main - la tarea aun no ha empezado, done():", task.Done());
        var result = await task;
        Print("main - resultado:", result);
        Print("main - done():", task.Done());
    }


    public static void Entry() => Run(Main());
}
