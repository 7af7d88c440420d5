namespace PyAsync;

/// <summary>
/// Work outside the loop that a virtual clock must wait for before it jumps: executor jobs
/// (<c>RunInExecutor</c>, <c>ToThread</c>), and .NET awaitables that coroutines await, counted against
/// .NET code that is itself waiting on the loop (which cannot finish before the loop moves on).
/// </summary>
internal sealed class OutsideWork(ThreadsafeInbox inbox)
{
    private int _executorJobs;
    // Executor jobs blocked until the loop finishes something (RunCoroutineThreadsafe(...).Result()):
    // they cannot end before the loop moves on, so they do not hold the virtual clock.
    private int _blockedJobs;
    private int _foreignAwaits;
    private int _foreignWaiters;
    private List<Action>? _whenExecutorIdle;
    private bool _defaultExecutorCreated;

    /// <summary>An executor job is running (and not blocked waiting on the loop).</summary>
    public bool WaitsOnExecutor => Volatile.Read(ref _executorJobs) > Volatile.Read(ref _blockedJobs);

    /// <summary>An executor job of this loop blocks until the loop finishes something: the loop may move on.</summary>
    public void ExecutorJobBlocked()
    {
        Interlocked.Increment(ref _blockedJobs);
        inbox.Wake();
    }

    /// <summary>The blocked executor job goes on.</summary>
    public void ExecutorJobUnblocked() => Interlocked.Decrement(ref _blockedJobs);

    /// <summary>More .NET awaits are pending than .NET code waits on the loop.</summary>
    public bool WaitsOnForeignAwaits => Volatile.Read(ref _foreignAwaits) > Volatile.Read(ref _foreignWaiters);

    public void ExecutorJobStarted() => Interlocked.Increment(ref _executorJobs);

    /// <summary>
    /// A job went to the default executor (CPython's <c>loop._default_executor</c> exists from then on,
    /// and <c>shutdown_default_executor</c> joins it on a thread). Called on the loop's thread.
    /// </summary>
    public void DefaultExecutorUsed() => _defaultExecutorCreated = true;

    /// <summary>A job went to the default executor on this loop.</summary>
    public bool DefaultExecutorCreated => _defaultExecutorCreated;

    /// <summary>
    /// An executor job's result reached the loop (on the loop's thread): the job no longer counts,
    /// and when none is left the callbacks waiting for that run.
    /// </summary>
    public void ExecutorJobEnded()
    {
        if (Interlocked.Decrement(ref _executorJobs) != 0 || _whenExecutorIdle is not { } waiting) return;
        // (A job that ended is not blocked: ExecutorJobUnblocked ran before its result was posted.)
        _whenExecutorIdle = null;
        foreach (var callback in waiting) callback();
    }

    /// <summary>Runs <paramref name="callback"/> on the loop's thread once no executor job is running: now, if none is.</summary>
    public void WhenExecutorIdle(Action callback)
    {
        if (!WaitsOnExecutor) callback();
        else (_whenExecutorIdle ??= new()).Add(callback);
    }

    public void ForeignAwaitStarted() => Interlocked.Increment(ref _foreignAwaits);

    public void ForeignAwaitEnded()
    {
        Interlocked.Decrement(ref _foreignAwaits);
        inbox.Wake();
    }

    public void ForeignWaiterStarted() => Interlocked.Increment(ref _foreignWaiters);

    public void ForeignWaiterEnded() => Interlocked.Decrement(ref _foreignWaiters);
}
