// Seed 001, the prose on the Task methods result() and exception() (no code in the document):
// result() of a task that has not finished raises InvalidStateError; exception() of a task that
// failed returns the error it raised, and result() raises it again. The document says exception()
// returns "CancelledError o InvalidStateError"; in CPython it returns the task's own exception (or
// None) and *raises* those two for a cancelled or unfinished task.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc001;

[Example("001", 7, "result_exception", Title = "result() before done; exception() of a failed task")]
public static class ResultExceptionExample
{
    static async Coroutine Worker()
    {
        Print("worker - empieza");
        await Sleep(1);
        throw new ValueError("algo salio mal");
    }


    static async Coroutine Main()
    {
        var task = CreateTask(Worker());
        // result() antes de que la tarea termine
        try
        {
            task.Result();
        }
        catch (InvalidStateError e)
        {
            Print("main - task.result():", Repr(e));
        }
        try
        {
            await task;
        }
        catch (ValueError)
        {
            Print("main - la tarea lanzo ValueError");
        }
        // exception() de una tarea que fallo
        Print("main - task.exception():", Repr(task.Exception()));
        // result() de una tarea que fallo vuelve a lanzar su error
        try
        {
            task.Result();
        }
        catch (ValueError e)
        {
            Print("main - task.result():", Repr(e));
        }
    }


    public static void Entry() => Run(Main());
}
