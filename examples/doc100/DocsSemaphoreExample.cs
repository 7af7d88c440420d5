// The Python documentation's Semaphore example (asyncio-sync.html, "Semaphore": `async with sem:
// # work with shared resource`), made into a whole program: five tasks share a resource that at
// most two may use at once. Then acquire()/release() by hand, a BoundedSemaphore released once
// too often, and a negative initial value.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 4, "docs_semaphore", Title = "the docs' Semaphore example, BoundedSemaphore's errors")]
public static class DocsSemaphoreExample
{
    static async Coroutine UseResource(string name, PySemaphore sem)
    {
        using (await sem.Acquire())
        {
            Print($"{Time.Monotonic():F1} {name} works with the shared resource");
            await Sleep(1);
        }
        Print($"{Time.Monotonic():F1} {name} is done");
    }

    static async Coroutine Main()
    {
        var sem = Semaphore(2);
        Print(sem);
        var tasks = Enumerable.Range(0, 5).Select(i => CreateTask(UseResource($"task-{i}", sem))).ToList();
        await Sleep(0);
        Print(sem);
        await Gather(tasks);
        Print(sem);

        // The same, spelled out: acquire() and release()
        await sem.Acquire();
        try
        {
            Print("acquired, locked:", sem.Locked());
        }
        finally
        {
            sem.Release();
        }

        // A BoundedSemaphore refuses a release() without an acquire()
        var bounded = BoundedSemaphore(1);
        try
        {
            bounded.Release();
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
