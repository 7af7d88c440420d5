// Seed 002, the prose "Callback de correcta finalización" (no code in the document): a handler
// registered with task.add_done_callback runs when the task finishes, and receives the Task as its
// first parameter. The document writes `task.add_done_callback(function_to_call())`, with
// parentheses: that would call the function (without its task argument) instead of passing it;
// the example passes the function itself.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc002;

[Example("002", 9, "done_callback_task", Title = "a done callback receives the task")]
public static class DoneCallbackTaskExample
{
    static void FunctionToCall(PyTask<int> task)
    {
        // el primer parametro es la Task que ha acabado
        Print($"function_to_call: {task.GetName()} ha acabado con resultado {task.Result()}");
    }


    static async Coroutine<int> MyCoroutine()
    {
        Print("my_coroutine: empieza");
        await Sleep(1);
        Print("my_coroutine: termina");
        return 42;
    }


    static async Coroutine Main()
    {
        var task = CreateTask(MyCoroutine());
        // se pasa la funcion, sin llamarla
        task.AddDoneCallback(FunctionToCall);
        await task;
        Print("main: fin");
    }


    public static void Entry() => Run(Main());
}
