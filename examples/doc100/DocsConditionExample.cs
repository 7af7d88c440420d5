// The Python documentation's Condition example (asyncio-sync.html, "Condition": `async with cond:
// await cond.wait()`), made into a whole program: three consumers wait on the condition, a
// producer changes the shared state and wakes one with notify(), then the rest with notify_all().
// Notifying without holding the condition's lock is a RuntimeError.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 3, "docs_condition", Title = "the docs' Condition example: wait, notify, notify_all")]
public static class DocsConditionExample
{
    static readonly List<string> Items = [];

    static async Coroutine Consumer(string name, Condition cond)
    {
        using (await cond.Acquire())
        {
            Print($"{name} waits");
            await cond.Wait();
            var item = Items[0];
            Items.RemoveAt(0);
            Print($"{name} woke up and takes {item}");
        }
    }

    static async Coroutine Main()
    {
        var cond = Condition();
        var consumers = Enumerable.Range(0, 3).Select(i => CreateTask(Consumer($"consumer-{i}", cond))).ToList();
        await Sleep(1);
        Print(cond);

        using (await cond.Acquire())
        {
            Items.Add("apple");
            cond.Notify();          // wake one waiter
            Print(cond);
        }
        await Sleep(1);

        using (await cond.Acquire())
        {
            Items.AddRange(["banana", "cherry"]);
            cond.NotifyAll();       // wake the rest
        }
        await Gather(consumers);
        Print("left over:", Items);

        // notify() outside `async with cond:` is an error
        try
        {
            cond.Notify();
        }
        catch (RuntimeError e)
        {
            Print("RuntimeError:", e);
        }
    }

    public static void Entry() => Run(Main());
}
