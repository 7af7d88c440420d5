using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ConditionBarrierStates;

public static class Program
{
    static async Coroutine Main()
    {
        var cond = Condition();
        Print(cond);
        try
        {
            cond.Notify();
        }
        catch (RuntimeError e)
        {
            Print("RuntimeError:", e);
        }
        try
        {
            await cond.Wait();
        }
        catch (RuntimeError e)
        {
            Print("RuntimeError:", e);
        }

        async Coroutine Waiter(string name)
        {
            using (await cond.Acquire())
            {
                try
                {
                    await cond.Wait();
                    Print(name, "notified, locked:", cond.Locked());
                }
                catch (CancelledError)
                {
                    Print(name, "cancelled, locked:", cond.Locked());
                    throw;
                }
            }
        }

        var ws = Enumerable.Range(0, 3).Select(i => CreateTask(Waiter($"w{i}"))).ToList();
        await Sleep(0);
        Print(cond);
        using (await cond.Acquire())
        {
            cond.Notify(1);
        }
        await Sleep(0);
        await Sleep(0);
        Print(cond);
        using (await cond.Acquire())
        {
            cond.NotifyAll();
        }
        await Gather(ws, returnExceptions: true);
        Print(ws.Select(w => w.Cancelled()).ToList(), cond);

        var barrier = Barrier(3);
        Print(barrier);

        async Coroutine Party(string name)
        {
            try
            {
                var i = await barrier.Wait();
                Print(name, "passed with index", i);
            }
            catch (BrokenBarrierError e)
            {
                Print(name, "BrokenBarrierError:", e);
            }
        }

        var ps = Enumerable.Range(0, 2).Select(i => CreateTask(Party($"p{i}"))).ToList();
        await Sleep(0);
        Print(barrier, barrier.NWaiting);
        await barrier.Reset();
        Print(barrier);
        await Gather(ps);
        Print(barrier);
        ps = Enumerable.Range(0, 3).Select(i => CreateTask(Party($"q{i}"))).ToList();
        await Sleep(0);
        Print(barrier);
        await Gather(ps);
        await barrier.Abort();
        Print(barrier, barrier.Broken);
        await Party("late");
        try
        {
            Barrier(0);
        }
        catch (ValueError e)
        {
            Print("ValueError:", e);
        }
    }

    public static void Entry() => Run(Main());
}
