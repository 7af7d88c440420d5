using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.SemaphoreCancelHandoff;

public static class Program
{
    static async Coroutine Main()
    {
        var sem = Semaphore(0);
        Print(sem);
        var order = new List<string>();

        async Coroutine Take(string name)
        {
            using (await sem.Acquire())
            {
                order.Add(name);
                await Sleep(0);
            }
        }

        var tasks = new[] { "t1", "t2", "t3", "t4" }.ToDictionary(n => n, n => CreateTask(Take(n)));
        await Sleep(0);
        Print(sem, sem.Locked());
        tasks["t1"].Cancel();
        sem.Release();
        sem.Release();
        Print(sem);
        await Sleep(0);
        tasks["t2"].Cancel();
        await Gather(tasks.Values, returnExceptions: true);
        Print(order, tasks.Values.Select(t => t.Cancelled()).ToList());
        Print(sem, sem.Locked());
        var b = BoundedSemaphore(1);
        Print(b);
        try
        {
            b.Release();
        }
        catch (ValueError e)
        {
            Print("ValueError:", e);
        }
        try
        {
            Semaphore(-1);
        }
        catch (ValueError e)
        {
            Print("ValueError:", e);
        }
    }

    public static void Entry() => Run(Main());
}
