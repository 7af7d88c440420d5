// The rate-limiter chapter: at most 2 requests start per second. Entering the limiter takes a
// token from a BoundedSemaphore and gives it back one second later with loop.call_later(), however
// long the request itself takes. Python's `async with limiter:` (a class with __aenter__ and
// __aexit__) ports as `using (await limiter.Enter())`, Enter() returning what the block disposes.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 8, "rate_limiter", Title = "a rate limiter: a Semaphore released by call_later")]
public static class RateLimiterExample
{
    sealed class RateLimiter(int rate, double per) : IDisposable
    {
        private readonly BoundedSemaphore _sem = BoundedSemaphore(rate);
        private readonly double _per = per;

        public async Coroutine<RateLimiter> Enter()   // __aenter__
        {
            await _sem.Acquire();
            GetRunningLoop().CallLater(_per, _sem.Release);
            return this;
        }

        public void Dispose() { }                    // __aexit__
    }

    static async Coroutine<int> Request(RateLimiter limiter, int i)
    {
        using (await limiter.Enter())
        {
            Print($"{Time.Monotonic():F2} request {i} starts");
            await Sleep(0.25);
        }
        return i * i;
    }

    static async Coroutine Main()
    {
        var limiter = new RateLimiter(2, 1.0);
        var results = await Gather(Enumerable.Range(0, 7).Select(i => Request(limiter, i)));
        Print(results);
        Print($"7 requests in {Time.Monotonic():F2} s");
    }

    public static void Entry() => Run(Main());
}
