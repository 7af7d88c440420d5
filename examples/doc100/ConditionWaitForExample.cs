// Producer/consumer over a shared buffer of two places, guarded by a Condition: consumers
// wait_for() the buffer to be non-empty, the producer wait_for()s room in it, and each side
// notify_all()s the other. None marks the end, once per consumer. wait_for() returns the
// predicate's value, at once when it already holds.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 14, "condition_wait_for", Title = "producer/consumer on a Condition with wait_for")]
public static class ConditionWaitForExample
{
    const int Capacity = 2;
    static readonly List<int?> Buffer = [];

    static async Coroutine Producer(Condition cond, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using (await cond.Acquire())
            {
                await cond.WaitFor(() => Buffer.Count < Capacity);
                Buffer.Add(i);
                Print($"{Time.Monotonic():F1} produced {i} -> {Str(Buffer)}");
                cond.NotifyAll();
            }
            await Sleep(0.1);
        }
        using (await cond.Acquire())
        {
            await cond.WaitFor(() => Buffer.Count < Capacity);
            Buffer.Add(null);      // one end marker per consumer
            Buffer.Add(null);
            cond.NotifyAll();
        }
    }

    static async Coroutine<List<int>> Consumer(string name, Condition cond)
    {
        var taken = new List<int>();
        while (true)
        {
            int? item;
            using (await cond.Acquire())
            {
                await cond.WaitFor(() => Buffer.Count > 0);
                item = Buffer[0];
                Buffer.RemoveAt(0);
                cond.NotifyAll();
            }
            if (item is null)
            {
                Print($"{name} stops after {Str(taken)}");
                return taken;
            }
            Print($"{Time.Monotonic():F1} {name} consumed {item}");
            taken.Add(item.Value);
            await Sleep(0.5);
        }
    }

    static async Coroutine Main()
    {
        var cond = Condition();
        var results = await Gather(Producer(cond, 6), Consumer("c1", cond), Consumer("c2", cond));
        Print("consumed:", ((List<int>)results[1]!).Concat((List<int>)results[2]!).Order().ToList());
        Print(cond);

        // wait_for returns the predicate's value (at once when it already holds)
        using (await cond.Acquire())
        {
            Print("wait_for returned", await cond.WaitFor(() => Buffer.Count == 0));
        }
    }

    public static void Entry() => Run(Main());
}
