using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.AllTasksCount;

public static class Program
{
    static async Coroutine Worker(int seconds)
    {
        await Sleep(seconds);
    }

    static async Coroutine Main()
    {
        Print(AllTasks().Count);
        var tasks = Enumerable.Range(1, 3).Select(i => CreateTask(Worker(i))).ToList();
        Print(AllTasks().Count);
        Print(AllTasks().Contains(CurrentTask()!));
        await tasks[0];
        Print(AllTasks().Count);
        await tasks[2];
        Print(AllTasks().Count);
        Print(AllTasks().SetEquals([CurrentTask()!]));
    }

    public static void Entry() => Run(Main());
}
