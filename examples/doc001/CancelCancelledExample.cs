// Seed 001, the prose on the Task methods cancel() and cancelled() (no code in the document):
// cancel() makes a CancelledError raise inside the task at its await (here asyncio.sleep), the
// error propagates to whoever awaits the task, and cancelled() then returns True.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc001;

[Example("001", 6, "cancel_cancelled", Title = "cancel() raises CancelledError in the task")]
public static class CancelCancelledExample
{
    static async Coroutine Worker()
    {
        Print("worker - empieza, tardara 10 segundos");
        try
        {
            await Sleep(10);
        }
        catch (CancelledError)
        {
            Print("worker - recibio CancelledError");
            throw;
        }
        Print("worker - termina");
    }


    static async Coroutine Main()
    {
        var task = CreateTask(Worker());
        await Sleep(1);
        Print("main - task.cancelled() antes de cancel():", task.Cancelled());
        task.Cancel();
        try
        {
            await task;
        }
        catch (CancelledError)
        {
            Print("main - la tarea fue cancelada");
        }
        Print("main - task.cancelled():", task.Cancelled());
    }


    public static void Entry() => Run(Main());
}
