// Seed 002, the prose "Cancelación de task" (no code in the document): task.cancel() returns True
// when the cancellation is requested; the task's coroutine then gets a CancelledError at its
// await (here it propagates to main, which awaits the task). On a task that has already finished,
// cancel() returns False.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc002;

[Example("002", 8, "task_cancel", Title = "cancel() returns True, then False once finished")]
public static class TaskCancelExample
{
    static async Coroutine MyCoroutine()
    {
        Print("my_coroutine: empieza");
        await Sleep(10);
        Print("my_coroutine: termina");
    }


    static async Coroutine<string> QuickCoroutine()
    {
        return "hecho";
    }


    static async Coroutine Main()
    {
        var task = CreateTask(MyCoroutine());
        await Sleep(1);
        Print("task.cancel() devuelve", task.Cancel());
        try
        {
            await task;
        }
        catch (CancelledError)
        {
            Print("La task ha recibido un CancelledError");
        }
        // si la task ya ha acabado, cancel() devuelve False
        var finished = CreateTask(QuickCoroutine());
        await finished;
        Print("task.cancel() de una task acabada devuelve", finished.Cancel());
    }


    public static void Entry() => Run(Main());
}
