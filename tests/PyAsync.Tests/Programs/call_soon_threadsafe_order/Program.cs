using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CallSoonThreadsafeOrder;

public static class Program
{
    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var lst = new List<int>();

        void Worker()
        {
            for (int i = 0; i < 3; i++)
                loop.CallSoonThreadsafe(lst.Add, i);
        }

        var t = new Thread(Worker);
        t.Start();
        t.Join();  // blocks the loop: the callbacks are posted before the next loop turn
        await Sleep(0);
        Print("after a loop turn", lst);

        // Interleaved with the loop's own call_soon, they keep the order of the calls.
        var order = new List<object>();
        loop.CallSoon<object>(order.Add, "a");
        t = new Thread(() => { for (int i = 0; i < 3; i++) loop.CallSoonThreadsafe<object>(order.Add, i); });
        t.Start();
        t.Join();
        loop.CallSoon<object>(order.Add, "b");
        await Sleep(0);
        Print("in call order", order);
    }

    public static void Entry() => Run(Main());
}
