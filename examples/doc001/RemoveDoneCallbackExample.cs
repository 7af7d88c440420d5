// Seed 001, the prose on add_done_callback(callback) and remove_done_callback(callback) (no code
// for the latter in the document): a callback removed before the task finishes does not run;
// remove_done_callback returns how many callbacks it removed.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc001;

[Example("001", 8, "remove_done_callback", Title = "a removed done callback does not run")]
public static class RemoveDoneCallbackExample
{
    static async Coroutine<int> Worker()
    {
        Print("worker - will take some time");
        await Sleep(1);
        Print("worker - Done it");
        return 42;
    }


    static void PrintIt(PyTask<int> task)
    {
        Print("print_it result:", task.Result());
    }


    static void NeverCalled(PyTask<int> task)
    {
        Print("never_called - esto no se imprime");
    }


    static async Coroutine Main()
    {
        var task = CreateTask(Worker());
        task.AddDoneCallback(PrintIt);
        task.AddDoneCallback(NeverCalled);
        // remove_done_callback quita el callback y devuelve cuantos quito
        Print("main - callbacks quitados:", task.RemoveDoneCallback(NeverCalled));
        await task;
        Print("main - fin");
    }


    public static void Entry() => Run(Main());
}
