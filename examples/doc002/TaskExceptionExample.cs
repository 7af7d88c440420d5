// Seed 002, the prose "Captura de excepciones en corrutinas" (no code in the document): the
// exception a task's coroutine raised is captured with task.exception() instead of a try/except
// around an await; asyncio.wait lets main wait for the task without the exception propagating.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc002;

[Example("002", 7, "task_exception", Title = "reading a task's exception with exception()")]
public static class TaskExceptionExample
{
    static async Coroutine MyCoroutine()
    {
        await Sleep(1);
        throw new ValueError("algo ha ido mal");
    }


    static async Coroutine Main()
    {
        var task = CreateTask(MyCoroutine());
        // esperamos a que la task acabe sin que su excepcion se propague
        await Wait([task]);
        var exception = task.Exception();
        if (exception is not null)
        {
            Print($"La task lanzo una excepcion: {Repr(exception)}");
        }
    }


    public static void Entry() => Run(Main());
}
