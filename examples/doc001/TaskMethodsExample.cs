// Seed 001, the second snippet: do_something creates a task for worker, adds the done callback
// print_it (which prints the task's result when it finishes), awaits the task, then prints what
// the Task methods cancelled(), done(), result() and exception() say about it. The document's
// output is CPython's.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc001;

[Example("001", 9, "task_methods", Title = "a done callback and the Task methods")]
public static class TaskMethodsExample
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


    static async Coroutine DoSomething()
    {
        Print("do_something - create task for worker");
        var task = CreateTask(Worker());
        Print("do_something - add a callback");
        task.AddDoneCallback(PrintIt);
        await task;
        // Information on task
        Print("do_something - task.cancelled():", task.Cancelled());
        Print("do_something - task.done():", task.Done());
        Print("do_something - task.result():", task.Result());
        Print("do_something - task.exception():", task.Exception());
        Print("do_something - finished");
    }


    static void Main()
    {
        Print("Main - Starting");
        Run(DoSomething());
        Print("Main - Done");
    }


    public static void Entry()
    {
        // if __name__ == '__main__':
        Main();
    }
}
