using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// CPython's <c>loop._add_reader(fd, callback)</c> / <c>_remove_reader(fd)</c> for one socket, on .NET: a zero-byte
/// asynchronous receive completes when the socket is readable (data, the end of the stream or an error), and its
/// completion is posted to the loop as an I/O event that calls the owner back on the loop's thread, once per
/// <see cref="Add"/>. A wait that failed carries the socket's error (Linux reports ECONNRESET once).
/// </summary>
/// <remarks>
/// <see cref="TakeInReady"/> is the owner's part of the virtual clock's rule (<see cref="IInFlightIo"/>): what
/// CPython's <c>select(0)</c> would report is taken in before the clock may jump.
/// </remarks>
internal sealed class ReadReadiness
{
    private static readonly Task<int> s_readyAtOnce = Task.FromResult(0);

    private readonly EventLoop _loop;
    private readonly Socket _sock;
    private readonly Action<SocketError> _onReady;
    private readonly string _describe;
    // The wait under way (completed by .NET on the thread pool before its event reaches the loop), or null.
    private Task<int>? _wait;
    private bool _added;
    // An event the loop posted itself (TakeInReady) and has not run yet.
    private bool _takingIn;
    // With the loop's selector (Linux): the socket's fd, and whether it is registered for reading there. It stays
    // registered while the owner adds it again from its callback (the usual read loop: no system call per read).
    private readonly EpollSelector? _selector;
    private readonly int _fd;
    private bool _registered;

    /// <param name="loop">The loop that runs <paramref name="onReady"/>.</param>
    /// <param name="sock">The socket watched.</param>
    /// <param name="onReady">Called on the loop's thread when the socket is readable, with the error the wait saw (Success for none).</param>
    /// <param name="describe">How CPython's handle reprs name the callback (<c>_UnixReadPipeTransport._read_ready()</c>).</param>
    public ReadReadiness(EventLoop loop, Socket sock, Action<SocketError> onReady, string describe)
    {
        _loop = loop;
        _sock = sock;
        _onReady = onReady;
        _describe = describe;
        _selector = loop.Selector;
        if (_selector is not null) _fd = (int)sock.Handle;
    }

    /// <summary>Whether a wait is added (CPython: the selector has the fd for reading).</summary>
    public bool IsAdded => _added;

    /// <summary>CPython's <c>_add_reader</c>: the owner is called back once, when the socket is readable.</summary>
    public void Add()
    {
        if (_added) return;
        _added = true;
        if (_selector is not null)
        {
            if (!_registered)
            {
                _selector.SetReader(_fd, ReadinessEvent.Instance, (this, (Task<int>?)null));
                _registered = true;
            }
            return;
        }
        ValueTask<int> wait;
        try
        {
            wait = _sock.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            _wait = Task.FromException<int>(e);
            _loop.PostEvent(ReadinessEvent.Instance, (this, _wait));
            return;
        }
        if (wait.IsCompletedSuccessfully)
        {
            _wait = s_readyAtOnce;
            _loop.PostEvent(ReadinessEvent.Instance, (this, _wait));
            return;
        }
        _wait = wait.AsTask();
        if (_wait.IsCompleted)
        {
            _loop.PostEvent(ReadinessEvent.Instance, (this, _wait));
            return;
        }
        _wait.ContinueWith(static (t, state) =>
        {
            var readiness = (ReadReadiness)state!;
            readiness._loop.PostEvent(ReadinessEvent.Instance, (readiness, (Task<int>?)t));
        }, this, TaskScheduler.Default);
    }

    /// <summary>CPython's <c>_remove_reader</c>: the wait under way, if any, no longer calls back.</summary>
    public void Remove()
    {
        _added = false;
        _wait = null;
        _takingIn = false;
        Unregister();
    }

    // Out of the selector: before the socket closes, or when the owner stopped reading.
    private void Unregister()
    {
        if (!_registered) return;
        _registered = false;
        _selector!.ClearReader(_fd);
    }

    /// <summary>
    /// Whether the socket has something for the owner (a wait .NET completed, or <c>poll()</c> says readable); if
    /// the loop has not been told yet, posts the event now. Loop thread.
    /// </summary>
    public bool TakeInReady()
    {
        if (!_added) return false;
        if (_takingIn) return true;
        if (_selector is not null)
        {
            // The loop's next poll takes it in.
            try
            {
                return _sock.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
        if (_wait is { IsCompleted: true } done)
        {
            // Its continuation may wait on the thread pool: take it in now (the continuation's event is then stale).
            _takingIn = true;
            _loop.PostEvent(ReadinessEvent.Instance, (this, (Task<int>?)done));
            return true;
        }
        bool ready;
        try
        {
            ready = _sock.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
        if (ready)
        {
            _takingIn = true;
            _loop.PostEvent(ReadinessEvent.Instance, (this, (Task<int>?)null));
        }
        return ready;
    }

    // wait: the wait that ended, or null for an event the loop posted itself.
    private void OnEvent(Task<int>? wait)
    {
        if (_selector is not null)
        {
            if (!_added)
            {
                Unregister();
                return;
            }
            _added = false;
            _onReady(SocketError.Success);
            // The owner did not read again (paused, at the end, closed): out of the selector, or it would report again.
            if (!_added) Unregister();
            return;
        }
        if (!_added) return;
        if (wait is not null && !ReferenceEquals(wait, _wait)) return; // taken in already, or from a removed wait
        var error = SocketError.Success;
        if (wait is { IsCompletedSuccessfully: false }) error = wait.Exception?.InnerException is SocketException se ? se.SocketErrorCode : SocketError.OperationAborted;
        _added = false;
        _wait = null;
        _takingIn = false;
        _onReady(error);
    }

    private sealed class ReadinessEvent : IReadyCallback
    {
        public static readonly ReadinessEvent Instance = new();

        public void Run(object? arg)
        {
            var (readiness, wait) = ((ReadReadiness, Task<int>?))arg!;
            readiness.OnEvent(wait);
        }

        public string Describe(object? arg) => ((ValueTuple<ReadReadiness, Task<int>?>)arg!).Item1._describe;
    }
}
