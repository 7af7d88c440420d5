// The race-condition chapter: tasks read a shared counter, await, then write it back. Without a
// lock every task reads the same old value and increments are lost; with `async with lock:` none
// are. Also the lock's repr while tasks wait for it, acquire()/release() by hand, and releasing a
// lock nobody holds.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 6, "lock_counter_race", Title = "a race on a shared counter, fixed with a Lock")]
public static class LockCounterRaceExample
{
    static int counter = 0;

    static async Coroutine IncrementUnsafe(string name)
    {
        for (var i = 0; i < 3; i++)
        {
            var value = counter;
            await Sleep(0.1);      // another task runs here and reads the same value
            counter = value + 1;
        }
    }

    static async Coroutine IncrementSafe(string name, PyLock @lock)
    {
        for (var i = 0; i < 3; i++)
        {
            using (await @lock.Acquire())
            {
                var value = counter;
                await Sleep(0.1);  // the others wait for the lock
                counter = value + 1;
            }
        }
    }

    static async Coroutine Main()
    {
        await Gather(Enumerable.Range(0, 4).Select(i => IncrementUnsafe($"task-{i}")));
        Print($"without a lock: counter = {counter} (expected 12)");

        counter = 0;
        var @lock = Lock();
        Print(@lock);
        var tasks = Enumerable.Range(0, 4).Select(i => CreateTask(IncrementSafe($"task-{i}", @lock))).ToList();
        await Sleep(0.05);
        Print(@lock);
        await Gather(tasks);
        Print($"with a lock:    counter = {counter} (expected 12)");
        Print(@lock);

        // acquire() and release() by hand, and the error for a lock nobody holds
        await @lock.Acquire();
        Print("locked:", @lock.Locked());
        @lock.Release();
        Print("locked:", @lock.Locked());
        try
        {
            @lock.Release();
        }
        catch (RuntimeError e)
        {
            Print("RuntimeError:", e);
        }
    }

    public static void Entry() => Run(Main());
}
