namespace PyAsync.Bench.Workloads;

/// <summary>
/// A hand-written single-threaded <see cref="SynchronizationContext"/>, the TPL column's equivalent
/// of an event loop (what Nito.AsyncEx's <c>AsyncContext</c> does): <see cref="Run{T}"/> runs an
/// async method on the calling thread and every continuation it posts comes back to that thread.
/// </summary>
/// <remarks>
/// Built as a performance-aware developer would, under the conditions PyAsync's loop has: posts
/// from the context's own thread go to an unlocked queue; posts from other threads (timer and
/// thread-pool completions) go to a locked one that wakes the thread.
/// </remarks>
public sealed class SingleThreadContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _local = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _remote = new();
    private readonly object _lock = new();
    private readonly int _threadId = Environment.CurrentManagedThreadId;
    private bool _waiting;

    private SingleThreadContext() { }

    /// <summary>Runs <paramref name="main"/> on this thread until its task completes, and returns its result.</summary>
    public static T Run<T>(Func<Task<T>> main)
    {
        var previous = Current;
        var context = new SingleThreadContext();
        SetSynchronizationContext(context);
        try
        {
            var task = main();
            while (!task.IsCompleted) context.RunOne(task);
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <inheritdoc/>
    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Environment.CurrentManagedThreadId == _threadId)
        {
            _local.Enqueue((d, state));
            return;
        }
        lock (_lock)
        {
            _remote.Enqueue((d, state));
            if (_waiting) Monitor.Pulse(_lock);
        }
    }

    /// <inheritdoc/>
    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override SynchronizationContext CreateCopy() => this;

    private void RunOne(Task main)
    {
        if (_local.TryDequeue(out var item))
        {
            item.Callback(item.State);
            return;
        }
        lock (_lock)
        {
            while (_remote.Count == 0 && !main.IsCompleted)
            {
                _waiting = true;
                // Bounded, in case main's last continuation ran elsewhere (ConfigureAwait(false)).
                Monitor.Wait(_lock, 10);
                _waiting = false;
            }
            while (_remote.TryDequeue(out var remote)) _local.Enqueue(remote);
        }
    }
}
