namespace PyAsync;

/// <summary>Mirrors the <c>return_when</c> constants of <c>asyncio.wait</c>.</summary>
public enum ReturnWhen
{
    /// <summary><c>asyncio.FIRST_COMPLETED</c>: return when any future finishes or is cancelled.</summary>
    FirstCompleted,
    /// <summary><c>asyncio.FIRST_EXCEPTION</c>: return when any future finishes with an exception, else when all are done.</summary>
    FirstException,
    /// <summary><c>asyncio.ALL_COMPLETED</c>: return when all futures are done.</summary>
    AllCompleted,
}

/// <summary>CPython's <c>tasks.wait</c> and <c>_wait</c>.</summary>
internal static class WaitCoroutine
{
    public static async Coroutine<(FutureSet<TFuture> Done, FutureSet<TFuture> Pending)> Create<TFuture>(
        IReadOnlyCollection<TFuture> fs, double? timeout, ReturnWhen returnWhen) where TFuture : Future
    {
        var loop = EventLoop.GetRunningLoop();
        var waiter = loop.CreateFuture<NoneType>();
        TimerHandle? timeoutHandle = timeout is { } t ? loop.CallLater(t, Release, waiter) : null;
        var completion = new OnCompletion(waiter, fs.Count, returnWhen, timeoutHandle);
        foreach (var f in fs) f.AddCallback(completion);
        try
        {
            await waiter;
        }
        finally
        {
            timeoutHandle?.Cancel();
            foreach (var f in fs) f.RemoveCallback(completion);
        }
        var done = new FutureSet<TFuture>();
        var pending = new FutureSet<TFuture>();
        foreach (var f in fs) (f.Done() ? done : pending).Add(f);
        return (done, pending);
    }

    /// <summary>The checks CPython's <c>wait</c> makes before waiting; returns the futures as a set.</summary>
    public static HashSet<TFuture> Check<TFuture>(IEnumerable<TFuture> fs, ReturnWhen returnWhen) where TFuture : class, IAwaitable
    {
        ArgumentNullException.ThrowIfNull(fs);
        var set = new HashSet<TFuture>(fs, ReferenceEqualityComparer.Instance);
        if (set.Count == 0) throw new ValueError("Set of Tasks/Futures is empty.");
        if (!Enum.IsDefined(returnWhen)) throw new ValueError($"Invalid return_when value: {returnWhen}");
        if (set.Any(f => f is null)) throw new ArgumentNullException(nameof(fs), "a future in the collection is null");
        if (set.Any(f => f is Coroutine)) throw new TypeError("Passing coroutines is forbidden, use tasks explicitly.");
        return set;
    }

    private static void Release(Future<NoneType> waiter)
    {
        if (!waiter.Done()) waiter.SetResult(NoneType.None);
    }

    /// <summary>CPython's <c>_on_completion</c> closure.</summary>
    private sealed class OnCompletion(Future<NoneType> waiter, int count, ReturnWhen returnWhen, TimerHandle? timeoutHandle) : IReadyCallback
    {
        private int _counter = count;

        public void Run(object? arg)
        {
            var f = (Future)arg!;
            _counter--;
            if (_counter <= 0 || returnWhen == ReturnWhen.FirstCompleted ||
                returnWhen == ReturnWhen.FirstException && !f.Cancelled() && f.Exception() is not null)
            {
                timeoutHandle?.Cancel();
                if (!waiter.Done()) waiter.SetResult(NoneType.None);
            }
        }

        public string Describe(object? arg) => "_wait.<locals>._on_completion()";
    }
}
