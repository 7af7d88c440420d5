// Queue.shutdown(), new in Python 3.13 (so CPython 3.13 produced the stored output): after it,
// put() raises QueueShutDown; get() hands out what is left and then raises QueueShutDown, so
// consumers stop without being cancelled. A put() waiting on a full queue is woken with
// QueueShutDown. shutdown(immediate=True) drops what is left too, and lets join() return at once.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 12, "queue_shutdown", Title = "Queue.shutdown (3.13): draining, waking putters, immediate", Python = "3.13")]
public static class QueueShutdownExample
{
    static async Coroutine Consumer(string name, PyQueue<int> queue)
    {
        while (true)
        {
            int item;
            try
            {
                item = await queue.Get();
            }
            catch (QueueShutDown)
            {
                Print($"{name}: queue shut down, stopping");
                return;
            }
            Print($"{name} got {item}");
            await Sleep(1);
            queue.TaskDone();
        }
    }

    static async Coroutine BlockedPut(PyQueue<string> queue, string item)
    {
        try
        {
            await queue.Put(item);
        }
        catch (QueueShutDown)
        {
            Print($"put({item}) was waiting: QueueShutDown");
        }
    }

    static async Coroutine Main()
    {
        var queue = Queue<int>();
        var consumers = Enumerable.Range(0, 2).Select(i => CreateTask(Consumer($"consumer-{i}", queue))).ToList();
        for (var i = 0; i < 5; i++)
            await queue.Put(i);
        queue.Shutdown();  // no more puts; the consumers drain what is left
        Print(queue);
        try
        {
            await queue.Put(99);
        }
        catch (QueueShutDown)
        {
            Print("put after shutdown: QueueShutDown");
        }
        await queue.Join();
        Print("joined");
        await Gather(consumers);

        // A put() waiting on a full queue is woken by the shutdown, with QueueShutDown
        var full = Queue<string>(maxsize: 1);
        full.PutNowait("first");
        var putter = CreateTask(BlockedPut(full, "second"));
        await Sleep(0);
        full.Shutdown();
        await putter;
        Print("still there:", full.GetNowait());

        // Immediate shutdown: the items left are dropped and join() returns
        queue = Queue<int>();
        for (var i = 0; i < 3; i++)
            queue.PutNowait(i);
        var joiner = CreateTask(queue.Join());
        await Sleep(0);
        queue.Shutdown(immediate: true);
        Print(queue, queue.QSize(), queue.Empty());
        await joiner;
        Print("join() returned after shutdown(immediate=True)");
        try
        {
            queue.GetNowait();
        }
        catch (QueueShutDown)
        {
            Print("get_nowait: QueueShutDown");
        }
    }

    public static void Entry() => Run(Main());
}
