using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Server</c> (CPython's <c>base_events.Server</c>), what <c>StartServer</c> returns: the
/// listening sockets, accepting connections on the loop while it serves, each one given to a new stream handler.
/// </summary>
/// <remarks>
/// <para>
/// Use it as Python's <c>async with server:</c> with <c>await using (server) { ... }</c>: leaving the block closes
/// the server and awaits <see cref="WaitClosed"/>.
/// </para>
/// <para>
/// As CPython 3.11's (the version PyAsync follows), <see cref="WaitClosed"/> on a server already closed returns at
/// once, and otherwise waits until the server is closed and its last connection is gone; CPython 3.12 waits for
/// the connections in both cases. Accepting is one asynchronous accept at a time, each posted to the loop as an I/O
/// event; CPython accepts up to <c>backlog</c> connections per readiness.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.base_events.Server")]
public sealed class Server : IAsyncDisposable
{
    private readonly EventLoop _loop;
    private List<Listening>? _sockets;
    private readonly Func<IStreamProtocol> _protocolFactory;
    private readonly int _backlog;
    private int _activeCount;
    private List<Future<NoneType>>? _waiters = new();
    private bool _serving;
    private Future<NoneType>? _servingForeverFut;

    internal Server(EventLoop loop, List<Socket> sockets, Func<IStreamProtocol> protocolFactory, int backlog)
    {
        _loop = loop;
        _sockets = sockets.ConvertAll(s => new Listening(this, s));
        _protocolFactory = protocolFactory;
        _backlog = backlog;
    }

    /// <summary>Mirrors the repr: <c>&lt;Server sockets=(&lt;asyncio.TransportSocket fd=6, ...&gt;,)&gt;</c>.</summary>
    public override string ToString()
    {
        var sockets = Sockets.Select(s => $"<asyncio.TransportSocket fd={s.Handle}, family={(int)s.AddressFamily}, type={(int)s.SocketType}, proto={(int)s.ProtocolType}, laddr={PyRepr.Repr(EventLoopSockets.AddressOf(s.LocalEndPoint))}>").ToList();
        return $"<Server sockets=({string.Join(", ", sockets)}{(sockets.Count == 1 ? "," : "")})>";
    }

    /// <summary>Mirrors <c>server.sockets</c>: the listening sockets, none once the server is closed.</summary>
    /// <remarks>CPython gives <c>TransportSocket</c> wrappers; these are the <see cref="Socket"/>s themselves: do not close them.</remarks>
    public IReadOnlyList<Socket> Sockets => _sockets is null ? [] : _sockets.ConvertAll(l => l.Socket);

    /// <summary>Mirrors <c>server.get_loop()</c>.</summary>
    public EventLoop GetLoop() => _loop;

    /// <summary>Mirrors <c>server.is_serving()</c>.</summary>
    public bool IsServing() => _serving;

    /// <summary>A connection of this server opened (its transport counts until its connection is lost).</summary>
    internal void Attach()
    {
        Debug.Assert(_sockets is not null);
        _activeCount++;
    }

    /// <summary>A connection of this server is lost.</summary>
    internal void Detach()
    {
        Debug.Assert(_activeCount > 0);
        _activeCount--;
        if (_activeCount == 0 && _sockets is null) Wakeup();
    }

    private void Wakeup()
    {
        var waiters = _waiters;
        _waiters = null;
        if (waiters is null) return;
        foreach (var waiter in waiters)
            if (!waiter.Done()) waiter.SetResult(NoneType.None);
    }

    /// <summary>CPython's <c>_start_serving</c>: listen and accept on every socket.</summary>
    internal void BeginServing()
    {
        if (_serving || _sockets is null) return;
        _serving = true;
        foreach (var listening in _sockets) listening.Start(_backlog);
    }

    /// <summary>Mirrors <c>server.close()</c>: stop listening (the listening sockets close); connections already accepted stay open.</summary>
    public void Close()
    {
        var sockets = _sockets;
        if (sockets is null) return;
        _sockets = null;
        foreach (var listening in sockets) listening.Stop();
        _serving = false;
        if (_servingForeverFut is { } fut && !fut.Done())
        {
            fut.Cancel();
            _servingForeverFut = null;
        }
        if (_activeCount == 0) Wakeup();
    }

    /// <summary>Mirrors <c>await server.start_serving()</c>: start accepting (if the server was created with <c>startServing: false</c>).</summary>
    public async Coroutine StartServing()
    {
        BeginServing();
        // Skip one loop iteration so that the accepts go through, as CPython's.
        await SleepCoroutine.Create(0);
    }

    /// <summary>Mirrors <c>await server.serve_forever()</c>: serve until cancelled, then close the server and wait for it.</summary>
    /// <exception cref="RuntimeError">Already awaited in <c>ServeForever</c> ("server ... is already being awaited on serve_forever()"), or closed ("server ... is closed").</exception>
    /// <exception cref="CancelledError">The task was cancelled: the server is closed.</exception>
    public async Coroutine ServeForever()
    {
        if (_servingForeverFut is not null) throw new RuntimeError($"server {this} is already being awaited on serve_forever()");
        if (_sockets is null) throw new RuntimeError($"server {this} is closed");
        BeginServing();
        _servingForeverFut = _loop.CreateFuture<NoneType>();
        try
        {
            await _servingForeverFut;
        }
        catch (CancelledError)
        {
            try
            {
                Close();
                await WaitClosed();
            }
            finally
            {
                _servingForeverFut = null;
            }
            throw;
        }
        _servingForeverFut = null;
    }

    /// <summary>Mirrors <c>await server.wait_closed()</c> (CPython 3.11's: see the remarks).</summary>
    public async Coroutine WaitClosed()
    {
        if (_sockets is null || _waiters is null) return;
        var waiter = _loop.CreateFuture<NoneType>();
        _waiters.Add(waiter);
        await waiter;
    }

    /// <summary>Mirrors <c>async with server:</c>'s exit, the end of <c>await using</c>: <see cref="Close"/>, then <see cref="WaitClosed"/>.</summary>
    public async Coroutine DisposeAsync()
    {
        Close();
        await WaitClosed();
    }

    /// <summary>For .NET code: <see cref="Close"/>; the wait that follows has nothing to wait for once the server is closed (CPython 3.11's <c>wait_closed</c>).</summary>
    ValueTask IAsyncDisposable.DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    // A connection accepted: a transport with a new protocol, on the loop's thread.
    private void Accepted(Socket conn)
    {
        if (_sockets is null)
        {
            conn.Close();
            return;
        }
        IStreamProtocol protocol;
        try
        {
            protocol = _protocolFactory();
        }
        catch (Exception e)
        {
            conn.Close();
            _loop.CallExceptionHandler(new Dictionary<string, object?> { ["message"] = "Error on transport creation for incoming connection", ["exception"] = e });
            return;
        }
        try
        {
            _ = new SocketTransport(_loop, conn, protocol, server: this);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Reset by the peer before it was taken in (CPython's accept loop drops it too).
            conn.Close();
        }
    }

    private void AcceptFailed(Socket sock, Exception e)
    {
        if (_sockets is null) return;
        _loop.CallExceptionHandler(new Dictionary<string, object?>
        {
            ["message"] = "socket.accept() out of system resource",
            ["exception"] = e is SocketException se ? OSErrors.From(se) : e,
            ["socket"] = sock,
        });
    }

    /// <summary>
    /// The program's own connect to one of this loop's servers has completed (<paramref name="client"/>, loop thread):
    /// until that server's accept of it reaches the loop, the connection holds a virtual clock. The kernel has queued
    /// it for the server, where <c>select(0)</c> sees it; but once .NET's thread pool has taken it from the queue and
    /// not yet completed the accept, nothing else would show it. TCP only: an accepted connection is matched to the
    /// connect by the client's address.
    /// </summary>
    internal static void OwnConnectMade(EventLoop loop, Socket client)
    {
        IPEndPoint? remote, local;
        try
        {
            remote = client.RemoteEndPoint as IPEndPoint;
            local = client.LocalEndPoint as IPEndPoint;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return;
        }
        if (remote is null || local is null) return;
        foreach (var source in loop.OutsideWork.IoSources)
        {
            if (source is Listening listening && listening.Serves(remote))
            {
                listening.ExpectAccept(local);
                return;
            }
        }
    }

    /// <summary>One listening socket and its accepts (CPython's <c>_accept_connection</c>).</summary>
    private sealed class Listening(Server server, Socket socket) : IInFlightIo
    {
        private readonly Server _server = server;

        // The accept under way: completed (by .NET) before its event reaches the loop.
        private Task<Socket>? _accepting;
        private bool _stopped;

        public Socket Socket => socket;

        public override string ToString() => $"<listening socket {socket.LocalEndPoint}>";

        // A take-in the loop posted itself (TakeInReady) and has not run yet.
        private bool _takingIn;
        // With the loop's selector: the listening socket's readiness (accepts on the loop's thread), and how many
        // connections one readiness accepts at most (CPython: the backlog).
        private ReadReadiness? _reader;
        private int _backlog = 100;
        // The program's own connects to this socket whose accept has not reached the loop yet (by client address),
        // and the loopback clients accepted before their connect's completion did (the last few).
        private readonly HashSet<IPEndPoint> _ownPending = new();
        private readonly HashSet<IPEndPoint> _acceptedFirst = new();
        private readonly Queue<IPEndPoint> _acceptedFirstOrder = new();
        private const int AcceptedFirstKept = 256;

        /// <summary>Whether a connect to <paramref name="remote"/> reaches this socket.</summary>
        public bool Serves(IPEndPoint remote)
        {
            if (_stopped || socket.LocalEndPoint is not IPEndPoint local || local.Port != remote.Port) return false;
            return local.Address.Equals(remote.Address) || local.Address.Equals(IPAddress.Any) || local.Address.Equals(IPAddress.IPv6Any);
        }

        /// <summary>The program's own connect from <paramref name="client"/> completed; its accept is due.</summary>
        public void ExpectAccept(IPEndPoint client)
        {
            if (_acceptedFirst.Remove(client)) return;
            _ownPending.Add(client);
        }

        // An accepted connection: the own connect it answers, if any, is no longer pending.
        private void NoteAccepted(Socket conn)
        {
            IPEndPoint? client;
            try
            {
                client = conn.RemoteEndPoint as IPEndPoint;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            if (client is null || _ownPending.Remove(client) || !IPAddress.IsLoopback(client.Address)) return;
            if (!_acceptedFirst.Add(client)) return;
            _acceptedFirstOrder.Enqueue(client);
            if (_acceptedFirstOrder.Count > AcceptedFirstKept) _acceptedFirst.Remove(_acceptedFirstOrder.Dequeue());
        }

        // What CPython's select(0) would report: an accept .NET completed whose event has not reached the loop yet
        // (taken in now: the continuation's event is then stale), or a connection waiting in the accept queue
        // (accepted by the loop itself, without blocking).
        public bool TakeInReady()
        {
            if (_stopped) return false;
            if (_reader is not null) return _reader.TakeInReady() || _ownPending.Count > 0;
            if (_takingIn) return true;
            if (_accepting is { IsCompleted: true } done)
            {
                _takingIn = true;
                _server._loop.PostEvent(AcceptDone.Instance, (this, (Task<Socket>?)done));
                return true;
            }
            bool ready;
            try
            {
                ready = socket.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }
            if (ready)
            {
                _takingIn = true;
                _server._loop.PostEvent(AcceptDone.Instance, (this, (Task<Socket>?)null));
            }
            // An own connect whose accept .NET has under way: its completion will be posted.
            return ready || _ownPending.Count > 0;
        }

        public void Start(int backlog)
        {
            socket.Listen(backlog);
            _server._loop.OutsideWork.AddIoSource(this);
            _backlog = Math.Max(1, backlog);
            if (_server._loop.Selector is not null)
            {
                // CPython's: the listening socket in the loop's selector, accepted from on the loop's thread when
                // readable, so a connection and the program's connect to it are seen in the same iteration.
                socket.Blocking = false;
                _reader = new ReadReadiness(_server._loop, socket, OnReadable, "BaseSelectorEventLoop._accept_connection()");
                _reader.Add();
                return;
            }
            Accept();
        }

        // With the selector: CPython's _accept_connection, up to backlog connections per readiness.
        private void OnReadable(SocketError readiness)
        {
            if (_stopped) return;
            for (int i = 0; i < _backlog; i++)
            {
                Socket conn;
                try
                {
                    conn = socket.Accept();
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.Interrupted or SocketError.ConnectionAborted)
                {
                    break;
                }
                catch (SocketException e)
                {
                    _server.AcceptFailed(socket, e);
                    break;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                NoteAccepted(conn);
                _server.Accepted(conn);
                if (_stopped) return;
            }
            _reader!.Add();
        }

        private void Accept()
        {
            if (_stopped) return;
            Task<Socket> accept;
            try
            {
                accept = socket.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                accept = Task.FromException<Socket>(e);
            }
            _accepting = accept;
            accept.ContinueWith(static (t, state) =>
            {
                var self = (Listening)state!;
                _ = t.Exception;
                self._server._loop.PostEvent(AcceptDone.Instance, (self, (Task<Socket>?)t));
            }, this, TaskScheduler.Default);
        }

        // accept: the accept that ended, or null for a connection the loop saw waiting (TakeInReady).
        public void OnAccepted(Task<Socket>? accept)
        {
            _takingIn = false;
            if (accept is null)
            {
                if (_stopped) return;
                Socket conn;
                try
                {
                    conn = socket.Accept();
                }
                catch (SocketException)
                {
                    return;
                }
                NoteAccepted(conn);
                _server.Accepted(conn);
                return;
            }
            // An accept whose end the loop took in already (TakeInReady) is not the current one.
            if (!ReferenceEquals(accept, _accepting)) return;
            _accepting = null;
            if (_stopped)
            {
                if (accept.IsCompletedSuccessfully) accept.Result.Close();
                return;
            }
            try
            {
                if (accept.IsCompletedSuccessfully)
                {
                    NoteAccepted(accept.Result);
                    _server.Accepted(accept.Result);
                }
                else if (accept.Exception?.InnerException is { } e and not ObjectDisposedException) _server.AcceptFailed(socket, e);
            }
            finally
            {
                Accept();
            }
        }

        public void Stop()
        {
            if (_stopped) return;
            _stopped = true;
            _ownPending.Clear();
            _reader?.Remove();
            _server._loop.OutsideWork.RemoveIoSource(this);
            socket.Close();
        }

        public void LoopClosed()
        {
            _stopped = true;
            _reader?.Remove();
            socket.Close();
        }
    }

    private sealed class AcceptDone : IReadyCallback
    {
        public static readonly AcceptDone Instance = new();

        public void Run(object? arg)
        {
            var (listening, accept) = ((Listening, Task<Socket>?))arg!;
            listening.OnAccepted(accept);
        }

        public string Describe(object? arg) => "BaseSelectorEventLoop._accept_connection()";
    }
}
