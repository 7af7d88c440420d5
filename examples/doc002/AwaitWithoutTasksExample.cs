// Seed 002, the prose after example_tasks.py ("Si las lanzamos sin crear una task (con un await),
// deberíamos hacer un await my_task() y deberíamos esperar ... su finalización"): the coroutines of
// example_tasks awaited directly instead of wrapped in tasks run one after the other, without
// taking turns: 6 seconds instead of 3.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc002;

[Example("002", 4, "await_without_tasks", Title = "awaiting coroutines directly: no turns")]
public static class AwaitWithoutTasksExample
{
    static async Coroutine<string> MyTask(string name, int steps)
    {
        for (int i = 1; i < steps + 1; i++)
        {
            Print($"{name}: paso {i} de {steps}");
            await Sleep(1);
        }
        return $"{name} ha terminado";
    }


    static async Coroutine Main()
    {
        // sin tasks: cada await espera a que la corutina termine, no se turnan
        Print(await MyTask("primera", 3));
        Print(await MyTask("segunda", 3));
    }


    public static void Entry() => Run(Main());
}
