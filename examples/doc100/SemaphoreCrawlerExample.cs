// A crawler that fetches at most three pages at a time: `async with sem:` around each "download"
// (a sleep stands for the network), the semaphore's repr with the tasks queued behind it, and the
// most downloads ever active at once.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 7, "semaphore_crawler", Title = "a crawler limited to three downloads by a Semaphore")]
public static class SemaphoreCrawlerExample
{
    static readonly Dictionary<string, double> Pages = new()
    {
        ["https://example.com/"] = 1.5,
        ["https://example.com/about"] = 0.5,
        ["https://example.com/blog"] = 2.0,
        ["https://example.com/blog/1"] = 1.0,
        ["https://example.com/blog/2"] = 0.75,
        ["https://example.com/contact"] = 0.25,
        ["https://example.com/shop"] = 1.25,
    };

    static int active = 0;
    static int peak = 0;

    static async Coroutine<int> Fetch(string url, PySemaphore sem)
    {
        using (await sem.Acquire())
        {
            active += 1;
            peak = Math.Max(peak, active);
            Print($"{Time.Monotonic(),5:F2} GET  {url} ({active} active)");
            await Sleep(Pages[url]);
            active -= 1;
            Print($"{Time.Monotonic(),5:F2} DONE {url}");
            return url.Length;
        }
    }

    static async Coroutine Main()
    {
        var sem = Semaphore(3);
        var tasks = Pages.Keys.Select(url => CreateTask(Fetch(url, sem))).ToList();
        await Sleep(0);
        Print(sem);
        var sizes = await Gather(tasks);
        Print($"fetched {sizes.Count} pages, {sizes.Sum()} bytes, at most {peak} at once, " +
              $"in {Time.Monotonic():F2} s");
    }

    public static void Entry() => Run(Main());
}
