// The producer/consumer chapter: two producers fill a queue of three places faster than two
// consumers empty it, so put() blocks while the queue is full. join() waits until every item is
// task_done(); then the consumers, still waiting in get(), are cancelled. The non-blocking forms
// raise QueueEmpty and QueueFull, and one task_done() too many is a ValueError.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 9, "bounded_producer_consumer", Title = "producers and consumers on a Queue(maxsize=3)")]
public static class BoundedProducerConsumerExample
{
    static async Coroutine Producer(string name, PyQueue<string> queue, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var item = $"{name}-{i}";
            await queue.Put(item);
            Print($"{Time.Monotonic():F1} {name} put {item} (size {queue.QSize()}, full {queue.Full()})");
            await Sleep(0.2);
        }
    }

    static async Coroutine Consumer(string name, PyQueue<string> queue)
    {
        try
        {
            while (true)
            {
                var item = await queue.Get();
                Print($"{Time.Monotonic():F1} {name} got {item}");
                await Sleep(0.5);
                queue.TaskDone();
            }
        }
        catch (CancelledError)
        {
            Print($"{name} cancelled");
            throw;
        }
    }

    static async Coroutine Main()
    {
        var queue = Queue<string>(maxsize: 3);
        Print(Repr(queue), queue.Maxsize, queue.Empty());
        var producers = new[] { "a", "b" }.Select(p => CreateTask(Producer(p, queue, 4))).ToList();
        await Sleep(0.3);
        Print(queue);
        var consumers = Enumerable.Range(0, 2).Select(i => CreateTask(Consumer($"consumer-{i}", queue))).ToList();

        await Gather(producers);
        Print($"{Time.Monotonic():F1} producers done");
        await queue.Join();
        Print($"{Time.Monotonic():F1} all items processed");
        Print(queue);

        foreach (var c in consumers)
            c.Cancel();
        var results = await Gather(consumers, returnExceptions: true);
        Print(results.Select(r => r!.GetType().Name).ToList());

        // the non-blocking forms raise instead of waiting
        try
        {
            queue.GetNowait();
        }
        catch (QueueEmpty)
        {
            Print("QueueEmpty");
        }
        for (var i = 0; i < 3; i++)
            queue.PutNowait(Str(i));
        try
        {
            queue.PutNowait("3");
        }
        catch (QueueFull)
        {
            Print("QueueFull");
        }
        for (var i = 0; i < 3; i++)
        {
            queue.GetNowait();
            queue.TaskDone();
        }
        try
        {
            queue.TaskDone();
        }
        catch (ValueError e)
        {
            Print("ValueError:", e);
        }
    }

    public static void Entry() => Run(Main());
}
