using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.LockFifoCancel;

public static class Program
{
    static async Coroutine Worker(PyLock lk, string name, List<string> log)
    {
        log.Add($"{name} waits");
        using (await lk.Acquire())
        {
            log.Add($"{name} holds");
            await Sleep(1);
        }
        log.Add($"{name} done");
    }

    static async Coroutine Main()
    {
        var lk = Lock();
        var log = new List<string>();
        Print(lk);
        Print(Type(lk));
        var tasks = "abcd".Select(n => CreateTask(Worker(lk, n.ToString(), log))).ToList();
        await Sleep(0);
        Print(lk);
        tasks[1].Cancel();
        await Sleep(0.5);
        Print(lk);
        await Gather(tasks, returnExceptions: true);
        Print(log);
        Print(lk.Locked());
        try
        {
            lk.Release();
        }
        catch (RuntimeError e)
        {
            Print("RuntimeError:", e);
        }
        await lk.Acquire();
        var t = CreateTask(lk.Acquire());
        await Sleep(0);
        Print(t);
        lk.Release();
        await t;
        Print(true, lk);
        try
        {
            await WaitFor(lk.Acquire(), 0.25);
        }
        catch (TimeoutError)
        {
            Print("timed out", lk);
        }
    }

    public static void Entry() => Run(Main());
}
