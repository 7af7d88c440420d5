// A PriorityQueue hands out the smallest item first. Items are (priority, item) tuples, compared
// as Python compares tuples: equal priorities fall back to the next element. A payload that cannot
// be compared breaks on a tie (TypeError), so tutorials put a sequence number between priority
// and payload. Python's tuples are C#'s value tuples; a class without IComparable is a payload
// Python cannot compare either.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 10, "priority_queue", Title = "PriorityQueue of (priority, item) tuples: ties, TypeError, the counter fix")]
public static class PriorityQueueExample
{
    sealed class Job(string name)
    {
        public string Name { get; } = name;

        public override string ToString() => $"Job({Repr(Name)})";
    }

    static async Coroutine Main()
    {
        var queue = PriorityQueue<(int, string)>();
        foreach (var item in new[] { (2, "write report"), (1, "fix bug"), (3, "lunch"), (1, "answer email"), (2, "call bob") })
            queue.PutNowait(item);
        Print(queue);
        while (!queue.Empty())
        {
            var (priority, task) = await queue.Get();
            Print(priority, task);
        }

        // Ties between payloads that cannot be compared
        var jobs = PriorityQueue<(int, Job)>();
        jobs.PutNowait((1, new Job("backup")));
        try
        {
            jobs.PutNowait((1, new Job("deploy")));
        }
        catch (TypeError e)
        {
            Print("TypeError:", e);
        }

        // The fix: a sequence number breaks the tie, so the payloads are never compared
        var fixedJobs = PriorityQueue<(int, int, Job)>();
        foreach (var (seq, (priority, name)) in new[] { (2, "report"), (1, "backup"), (1, "deploy"), (2, "cleanup") }.Index())
            await fixedJobs.Put((priority, seq, new Job(name)));
        while (!fixedJobs.Empty())
            Print(await fixedJobs.Get());
    }

    public static void Entry() => Run(Main());
}
