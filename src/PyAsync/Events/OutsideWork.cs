namespace PyAsync;

/// <summary>
/// Work outside the loop that a virtual clock must wait for before it jumps: executor jobs
/// (<c>RunInExecutor</c>, <c>ToThread</c>), .NET awaitables that coroutines await, counted against
/// .NET code that is itself waiting on the loop (which cannot finish before the loop moves on), and
/// I/O in flight (a connect or a name lookup under way, bytes or a connection on their way between two
/// sockets of this process: see <see cref="IInFlightIo"/>).
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
    // Connects and name lookups under way (any thread), and what may have I/O on its way (loop thread).
    private int _pendingIo;
    private readonly List<IInFlightIo> _ioSources = new();
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

    /// <summary>A connect or a name lookup started: it ends by itself, without the loop's help.</summary>
    public void IoStarted() => Interlocked.Increment(ref _pendingIo);

    /// <summary>The connect or lookup ended (its result is posted to the loop).</summary>
    public void IoEnded()
    {
        Interlocked.Decrement(ref _pendingIo);
        inbox.Wake();
    }

    /// <summary>A transport or a listening socket of this loop, asked at each jump whether I/O is on its way to it (loop thread).</summary>
    public void AddIoSource(IInFlightIo source) => _ioSources.Add(source);

    /// <summary>The transports and listening sockets of this loop (loop thread).</summary>
    public IReadOnlyList<IInFlightIo> IoSources => _ioSources;

    /// <summary>The transport or listening socket closed (loop thread).</summary>
    public void RemoveIoSource(IInFlightIo source) => _ioSources.Remove(source);

    /// <summary>The loop closes: what is still open closes (loop thread).</summary>
    public void CloseIoSources()
    {
        foreach (var source in _ioSources.ToArray()) source.LoopClosed();
        _ioSources.Clear();
    }

    /// <summary>What holds the clock for I/O, for the message when the grace period ends: the sources in flight, or the connects and lookups.</summary>
    public string DescribeIo()
    {
        var holding = _ioSources.Where(s => s.TakeInReady()).Select(s => s.ToString()).ToList();
        int pending = Volatile.Read(ref _pendingIo);
        if (pending > 0) holding.Add($"{pending} connect(s) or lookup(s)");
        return string.Join(", ", holding);
    }

    /// <summary>I/O is in flight: a connect or lookup under way, or I/O already at a socket of this loop, which it takes in (loop thread).</summary>
    public bool WaitsOnIo
    {
        get
        {
            if (Volatile.Read(ref _pendingIo) > 0) return true;
            bool ready = false;
            foreach (var source in _ioSources)
                ready |= source.TakeInReady();
            return ready;
        }
    }
}
