namespace PyAsync;

/// <summary>
/// What other threads hand to a loop (<c>call_soon_threadsafe</c>, .NET continuations, executor
/// results), and how the loop sleeps until something arrives: CPython's self-pipe and selector wait.
/// </summary>
/// <remarks>
/// Posts go into one list under a lock; the loop swaps it for a spare one and empties it into its
/// ready queue, so neither side allocates per post. The loop does so at the start of each iteration
/// and, when <see cref="HasIncoming"/> says something came, before it queues anything itself: so posts
/// keep their order relative to the loop's own <c>call_soon</c>, as in CPython. After a flood, <see cref="Trim"/>
/// replaces lists grown far beyond what recent drains needed (see <see cref="Capacity"/>).
/// </remarks>
internal sealed class ThreadsafeInbox
{
    private readonly object _lock = new();
    private List<ReadyItem> _incoming = new();
    private List<ReadyItem> _spare = new();
    private const int KeepSize = 1024;
    private volatile bool _hasIncoming;
    // I/O-like events (a signal arrived): taken in at the start of an iteration only, as CPython's
    // selector reports them, never ahead of what the loop queues during a step (see PostEvent).
    private List<ReadyItem> _events = new();
    private List<ReadyItem> _spareEvents = new();
    private volatile bool _hasEvents;
    private bool _waiting;
    // The loop's selector (Linux, once a transport registered with it): the loop then waits in epoll_wait, and a post
    // wakes it through the selector's eventfd instead of Monitor.Pulse.
    private EpollSelector? _selector;
    private bool _waitingInSelector;
    // A timer of the loop's clock fired (Signal): the next wait ends at once.
    private bool _signalled;
    // The most items one drain took since the last trim point (the loop's thread only).
    private PeakSize _drainedPeak;

    /// <summary>Whether a list is bigger than the inbox keeps when idle (the loop's thread only).</summary>
    public bool AboveKeepSize => _spare.Capacity > KeepSize;

    /// <summary>The capacity of the bigger of the two lists (for tests of the trimming).</summary>
    public int Length
    {
        get
        {
            lock (_lock) return Math.Max(_incoming.Capacity, _spare.Capacity);
        }
    }

    /// <summary>Whether something was posted since the last <see cref="DrainInto"/>.</summary>
    public bool HasIncoming => _hasIncoming;

    /// <summary>Adds a callback from any thread and wakes the loop if it waits.</summary>
    public void Post(IReadyCallback callback, object? arg)
    {
        lock (_lock)
        {
            _incoming.Add(new ReadyItem(callback, arg));
            _hasIncoming = true;
            WakeWaiter();
        }
    }

    // Under the lock: the loop waits on the monitor, or in the selector.
    private void WakeWaiter()
    {
        if (_waiting) Monitor.Pulse(_lock);
        else if (_waitingInSelector) _selector!.Wake();
    }

    /// <summary>From now on the loop waits in <paramref name="selector"/> (loop thread, while it does not wait).</summary>
    public void UseSelector(EpollSelector selector)
    {
        lock (_lock) _selector = selector;
    }

    /// <summary>Whether an event was posted since the last <see cref="DrainEventsInto"/>.</summary>
    public bool HasEvents => _hasEvents;

    /// <summary>
    /// Adds an event from any thread and wakes the loop if it waits. Unlike <see cref="Post"/> (CPython's
    /// <c>call_soon_threadsafe</c>, which appends at once), an event is what CPython's selector reports: it
    /// joins the ready queue at the start of the next iteration, after what is ready then.
    /// </summary>
    public void PostEvent(IReadyCallback callback, object? arg)
    {
        lock (_lock)
        {
            _events.Add(new ReadyItem(callback, arg));
            _hasEvents = true;
            WakeWaiter();
        }
    }

    /// <summary>Moves the events posted into <paramref name="ready"/>, in the order they were posted.</summary>
    public void DrainEventsInto(ReadyQueue ready)
    {
        List<ReadyItem> items;
        lock (_lock)
        {
            items = _events;
            _events = _spareEvents;
            _spareEvents = items;
            _hasEvents = false;
        }
        foreach (var item in items) ready.Enqueue(item.Callback, item.Arg);
        items.Clear();
    }

    /// <summary>
    /// Wakes a loop that waits without posting anything: outside work it waited for has ended (its
    /// result was posted first), so a virtual clock must look again.
    /// </summary>
    public void Wake()
    {
        lock (_lock)
        {
            WakeWaiter();
        }
    }

    /// <summary>
    /// Wakes the loop whether or not it waits yet: a timer of the loop's clock fired. A signal that
    /// comes before the loop waits ends its next wait at once.
    /// </summary>
    public void Signal()
    {
        lock (_lock)
        {
            _signalled = true;
            WakeWaiter();
        }
    }

    /// <summary>Waits until something is posted (a callback or an event) or <paramref name="seconds"/> pass (negative: no limit); returns whether something was posted.</summary>
    public bool Wait(double seconds)
    {
        EpollSelector? selector;
        lock (_lock)
        {
            if (_hasIncoming || _hasEvents) return true;
            if (_signalled)
            {
                _signalled = false;
                return false;
            }
            selector = _selector;
            if (selector is not null)
            {
                _waitingInSelector = true;
            }
            else
            {
                _waiting = true;
                try
                {
                    if (seconds < 0) Monitor.Wait(_lock);
                    else Monitor.Wait(_lock, (int)Math.Min(int.MaxValue, Math.Ceiling(seconds * 1000)));
                }
                finally
                {
                    _waiting = false;
                    _signalled = false;
                }
                return _hasIncoming || _hasEvents;
            }
        }
        // In the selector, outside the lock: a post from now on writes to its eventfd, which ends the wait. What the
        // wait finds ready is not taken here; the loop's next poll (level-triggered) reports it again.
        try
        {
            selector.Poll(seconds < 0 ? -1 : (int)Math.Min(int.MaxValue, Math.Ceiling(seconds * 1000)), null);
        }
        finally
        {
            lock (_lock)
            {
                _waitingInSelector = false;
                _signalled = false;
            }
        }
        lock (_lock) return _hasIncoming || _hasEvents;
    }

    /// <summary>Moves everything posted into <paramref name="ready"/>, in the order it was posted.</summary>
    public void DrainInto(ReadyQueue ready)
    {
        List<ReadyItem> items;
        lock (_lock)
        {
            items = _incoming;
            _incoming = _spare;
            _spare = items;
            _hasIncoming = false;
        }
        foreach (var item in items) ready.Enqueue(item.Callback, item.Arg);
        _drainedPeak.Note(items.Count);
        items.Clear();
    }

    /// <summary>A trim point (the loop's thread): lists far bigger than the drains since the last one needed are replaced.</summary>
    public void Trim()
    {
        lock (_lock)
        {
            // Both lists take turns: each is sized for the most one drain took since the last trim point.
            var peak = _drainedPeak;
            _spare = Trimmed(_spare, peak);
            _incoming = Trimmed(_incoming, peak);
            _drainedPeak = default;
        }
    }

    private static List<ReadyItem> Trimmed(List<ReadyItem> list, PeakSize peak)
    {
        int capacity = peak.Trim(list.Capacity, list.Count, KeepSize);
        if (capacity >= list.Capacity) return list;
        var smaller = new List<ReadyItem>(capacity);
        smaller.AddRange(list);
        return smaller;
    }

    /// <summary>Drops everything posted (the loop is closing).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _incoming.Clear();
            _events.Clear();
            _hasEvents = false;
        }
    }
}
