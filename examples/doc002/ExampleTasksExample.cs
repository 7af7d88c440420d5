// Seed 002, example_tasks.py, which the document runs but does not show; written from its
// description: two tasks scheduled on the event loop take turns printing because each awaits
// inside its loop; get_name() and result() give each task's name (Task-2, Task-3: asyncio.run's
// main is Task-1) and return value.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc002;

[Example("002", 3, "example_tasks", Title = "two tasks taking turns; get_name() and result()")]
public static class ExampleTasksExample
{
    static async Coroutine<string> MyTask(string name, int steps)
    {
        for (int i = 1; i < steps + 1; i++)
        {
            Print($"{name}: paso {i} de {steps}");
            // sin este await la task se ejecutaria hasta terminar antes que la otra
            await Sleep(1);
        }
        return $"{name} ha terminado";
    }


    static async Coroutine Main()
    {
        var task1 = CreateTask(MyTask("primera", 3));
        var task2 = CreateTask(MyTask("segunda", 3));
        await task1;
        await task2;
        Print($"{task1.GetName()}: {task1.Result()}");
        Print($"{task2.GetName()}: {task2.Result()}");
    }


    public static void Entry() => Run(Main());
}
