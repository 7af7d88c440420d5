using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskGroupFinishedCreateTask;

public static class Program
{
    static async Coroutine<int> Job(int n)
    {
        await Sleep(n);
        return n;
    }

    static async Coroutine Main()
    {
        var tg = new TaskGroup();
        Print(tg);
        var coro = Job(1);
        try
        {
            _ = tg.CreateTask(coro);
        }
        catch (RuntimeError e)
        {
            Print($"RuntimeError: {Str(e)}");
        }
        coro.Close();  // 3.11 leaves it open, 3.13 closes it: close it either way

        PyTask<int> task;
        await using (tg.Enter())
        {
            Print(tg);
            task = tg.CreateTask(Job(1));
            Print(tg);
        }
        Print(tg, task.Result());
        coro = Job(2);
        try
        {
            _ = tg.CreateTask(coro);
        }
        catch (RuntimeError e)
        {
            Print($"RuntimeError: {Str(e)}");
        }
        coro.Close();
        Print(GetRunningLoop().Time());
    }

    public static void Entry() => Run(Main());
}
