// The Python documentation's Queue example (asyncio-queue.html, "Examples"): three workers take
// sleep times off a queue; main waits with join() until every item is task_done(), then cancels
// the workers, which wait in get() forever. The documentation draws its 20 timings with
// random.uniform(0.05, 1.0); both versions use the same fixed list, so the output is reproducible.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 1, "docs_queue_workers", Title = "the docs' Queue example: workers, join, cancel")]
public static class DocsQueueWorkersExample
{
    static readonly double[] Timings =
    [
        0.62, 0.21, 0.93, 0.47, 0.08, 0.75, 0.36, 0.54, 0.99, 0.13,
        0.41, 0.68, 0.27, 0.86, 0.59, 0.32, 0.77, 0.16, 0.45, 0.71,
    ];

    static async Coroutine Worker(string name, PyQueue<double> queue)
    {
        while (true)
        {
            // Get a "work item" out of the queue.
            var sleepFor = await queue.Get();

            // Sleep for the "sleep_for" seconds.
            await Sleep(sleepFor);

            // Notify the queue that the "work item" has been processed.
            queue.TaskDone();

            Print($"{name} has slept for {sleepFor:F2} seconds");
        }
    }

    static async Coroutine Main()
    {
        // Create a queue that we will use to store our "workload".
        var queue = Queue<double>();

        // Generate random timings and put them into the queue.
        double totalSleepTime = 0;
        foreach (var sleepFor in Timings)
        {
            totalSleepTime += sleepFor;
            queue.PutNowait(sleepFor);
        }

        // Create three worker tasks to process the queue concurrently.
        var tasks = new List<PyTask>();
        for (var i = 0; i < 3; i++)
        {
            var task = CreateTask(Worker($"worker-{i}", queue));
            tasks.Add(task);
        }

        // Wait until the queue is fully processed.
        var startedAt = Time.Monotonic();
        await queue.Join();
        var totalSleptFor = Time.Monotonic() - startedAt;

        // Cancel our worker tasks.
        foreach (var task in tasks)
            task.Cancel();
        // Wait until all worker tasks are cancelled.
        await Gather(tasks, returnExceptions: true);

        Print("====");
        Print($"3 workers slept in parallel for {totalSleptFor:F2} seconds");
        Print($"total expected sleep time: {totalSleepTime:F2} seconds");
    }

    public static void Entry() => Run(Main());
}
