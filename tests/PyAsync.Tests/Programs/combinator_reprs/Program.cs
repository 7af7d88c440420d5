using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CombinatorReprs;

public static class Program
{
    static async Coroutine<int> Work(int seconds)
    {
        await Sleep(seconds);
        return seconds;
    }

    static async Coroutine Main()
    {
        var task = CreateTask(Work(1));
        var gathered = Gather(task);
        Print(gathered);
        Print(task);
        await Sleep(0);
        Print(task);
        Print(await gathered);
        Print(gathered);

        TaskGroup tg;
        await using (tg = TaskGroup())
        {
            Print(tg);
            _ = tg.CreateTask(Work(1));
            _ = tg.CreateTask(Work(2));
            Print(tg);
        }
        Print(tg);
    }

    public static void Entry() => Run(Main());
}
