namespace PyAsync;

/// <summary>
/// CPython's <c>FlowControlMixin</c> (asyncio/streams.py): the part of a stream protocol that makes
/// <see cref="PyStreamWriter.Drain"/> wait while its transport is paused for writing (above the high water mark),
/// and wakes the waiting writers when the transport resumes or the connection is lost. The protocols that have it,
/// <see cref="StreamReaderProtocol"/> and the subprocess one, forward their <c>pause_writing</c>,
/// <c>resume_writing</c> and <c>connection_lost</c> calls to it.
/// </summary>
internal sealed class FlowControl(EventLoop loop)
{
    private bool _paused;
    private bool _connectionLost;
    private readonly List<Future<NoneType>> _drainWaiters = new();

    /// <summary>CPython's <c>pause_writing()</c>.</summary>
    public void PauseWriting() => _paused = true;

    /// <summary>CPython's <c>resume_writing()</c>: the writers waiting in <c>drain()</c> go on.</summary>
    public void ResumeWriting()
    {
        _paused = false;
        foreach (var waiter in _drainWaiters)
            if (!waiter.Done()) waiter.SetResult(NoneType.None);
    }

    /// <summary>CPython's <c>connection_lost(exc)</c>: the writers waiting in <c>drain()</c> get its end.</summary>
    public void ConnectionLost(Exception? exception)
    {
        _connectionLost = true;
        if (!_paused) return;
        foreach (var waiter in _drainWaiters)
        {
            if (waiter.Done()) continue;
            if (exception is null) waiter.SetResult(NoneType.None);
            else waiter.SetException(exception);
        }
    }

    /// <summary>CPython's <c>_drain_helper()</c>.</summary>
    /// <exception cref="ConnectionResetError">The connection is lost ("Connection lost").</exception>
    public async Coroutine DrainHelper()
    {
        if (_connectionLost) throw new ConnectionResetError("Connection lost");
        if (!_paused) return;
        var waiter = loop.CreateFuture<NoneType>();
        _drainWaiters.Add(waiter);
        try
        {
            await waiter;
        }
        finally
        {
            _drainWaiters.Remove(waiter);
        }
    }
}
