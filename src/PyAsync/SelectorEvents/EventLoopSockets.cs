using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// The event loop's low-level socket coroutines, on <see cref="Socket"/>: CPython's
/// <c>BaseSelectorEventLoop.sock_recv</c>, <c>sock_recv_into</c>, <c>sock_sendall</c>, <c>sock_connect</c> and
/// <c>sock_accept</c> (selector_events.py), as asyncio books use them on non-blocking sockets.
/// </summary>
/// <remarks>
/// <para>
/// As CPython's, each first tries the operation at once on the loop's thread, and returns without a trip
/// through the loop when it succeeds; otherwise it waits until the socket is ready and tries again. Readiness
/// comes from a zero-byte receive (.NET completes it when data or the end of the stream is there, without
/// reading anything), so data is only ever read on the loop's thread by the coroutine that returns it: a
/// cancelled <c>SockRecv</c> loses nothing. The wait's completion reaches the loop as an I/O event, taken in at
/// the start of the next iteration, as CPython's selector reports a ready socket.
/// </para>
/// <para>
/// Differences: sends that cannot go at once, connects and accepts use .NET's asynchronous operations (no
/// readiness for them on .NET); a connection accepted for a <c>SockAccept</c> that was cancelled meanwhile is
/// kept for the next <c>SockAccept</c> on the same socket, never dropped. A pending connect holds a virtual clock
/// (it ends by itself); pending receives, sends and accepts do not: their peer may be this very program, which
/// cannot go on before the clock does. (The streams' transports and servers hold it while their socket is
/// ready, as CPython's <c>select(0)</c> would report it.)
/// </para>
/// </remarks>
public static class EventLoopSockets
{
    // Connections accepted for a SockAccept that was cancelled before it took them: the next one does.
    private static readonly ConditionalWeakTable<Socket, Queue<Socket>> s_accepted = new();

    /// <summary>Mirrors <c>await loop.sock_recv(sock, nbytes)</c>: up to <paramref name="nbytes"/> bytes, or an empty array at the end of the stream.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sock"/> is null.</exception>
    /// <exception cref="ValueError"><paramref name="nbytes"/> is negative ("negative buffersize in recv"); in debug mode, a blocking socket.</exception>
    /// <exception cref="OSError">The receive failed: <see cref="ConnectionResetError"/> for a reset connection.</exception>
    public static async Coroutine<byte[]> SockRecv(this EventLoop loop, Socket sock, int nbytes)
    {
        Check(loop, sock);
        if (nbytes < 0) throw new ValueError("negative buffersize in recv");
        var buffer = new byte[nbytes];
        while (true)
        {
            int received = TryReceive(sock, buffer);
            if (received >= 0) return received == nbytes ? buffer : buffer[..received];
            ThrowIfFailed(await Readable(loop, sock));
        }
    }

    /// <summary>Mirrors <c>await loop.sock_recv_into(sock, buf)</c>: reads into <paramref name="buffer"/> and returns how many bytes it read (0 at the end of the stream).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sock"/> or <paramref name="buffer"/> is null.</exception>
    /// <exception cref="ValueError">In debug mode, a blocking socket.</exception>
    /// <exception cref="OSError">The receive failed.</exception>
    public static async Coroutine<int> SockRecvInto(this EventLoop loop, Socket sock, byte[] buffer)
    {
        Check(loop, sock);
        ArgumentNullException.ThrowIfNull(buffer);
        while (true)
        {
            int received = TryReceive(sock, buffer);
            if (received >= 0) return received;
            ThrowIfFailed(await Readable(loop, sock));
        }
    }

    /// <summary>Mirrors <c>await loop.sock_sendall(sock, data)</c>: sends all of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sock"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ValueError">In debug mode, a blocking socket.</exception>
    /// <exception cref="OSError">The send failed: <see cref="ConnectionResetError"/>, <see cref="BrokenPipeError"/>.</exception>
    public static async Coroutine SockSendall(this EventLoop loop, Socket sock, byte[] data)
    {
        Check(loop, sock);
        ArgumentNullException.ThrowIfNull(data);
        int sent = TrySend(sock, data);
        if (sent == data.Length) return;
        var done = loop.CreateFuture<int>();
        Complete(loop, done, sock.SendAsync(data.AsMemory(sent), SocketFlags.None, Cancellation(done)).AsTask());
        try
        {
            await done;
        }
        catch (SocketException e)
        {
            throw OSErrors.From(e);
        }
    }

    /// <summary>Mirrors <c>await loop.sock_connect(sock, (host, port))</c> for an IP address.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sock"/> or the host is null.</exception>
    /// <exception cref="ValueError">The host is not an IP address (PyAsync does not resolve names here), or in debug mode a blocking socket.</exception>
    /// <exception cref="OSError">The connection failed: <see cref="ConnectionRefusedError"/> <c>[Errno 111] Connect call failed ('127.0.0.1', 9)</c>, as CPython's.</exception>
    public static Coroutine SockConnect(this EventLoop loop, Socket sock, (string Host, int Port) address)
    {
        ArgumentNullException.ThrowIfNull(address.Host);
        if (!IPAddress.TryParse(address.Host, out var ip)) throw new ValueError($"'{address.Host}' is not an IP address: resolve it first");
        return loop.SockConnect(sock, new IPEndPoint(ip, address.Port));
    }

    /// <summary>Mirrors <c>await loop.sock_connect(sock, address)</c> for a .NET <see cref="EndPoint"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sock"/> or <paramref name="address"/> is null.</exception>
    /// <exception cref="ValueError">In debug mode, a blocking socket.</exception>
    /// <exception cref="OSError">The connection failed (<c>Connect call failed</c>, as CPython's).</exception>
    public static async Coroutine SockConnect(this EventLoop loop, Socket sock, EndPoint address)
    {
        Check(loop, sock);
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            if (!sock.Blocking && loop.Selector is { } selector) await ConnectBySelector(loop, selector, sock, address);
            else
            {
                var done = loop.CreateFuture<int>();
                // A connect ends by itself: it holds a virtual clock until its result is posted (OutsideWork.WaitsOnIo).
                loop.OutsideWork.IoStarted();
                _ = Done(sock.ConnectAsync(address, Cancellation(done))).ContinueWith(static (t, state) =>
                {
                    var (loop, done, sock) = ((EventLoop, Future<int>, Socket))state!;
                    loop.PostEvent(SocketOperationEnded<int>.Instance, (done, t, false));
                    loop.OutsideWork.IoEnded();
                }, (loop, done, sock), TaskScheduler.Default);
                await done;
            }
            Server.OwnConnectMade(loop, sock);
        }
        catch (SocketException e) when (address is UnixDomainSocketEndPoint unix)
        {
            // CPython's connect() of a Unix socket fails at once, with the OS's own error.
            string path = unix.ToString();
            throw File.Exists(path) || e.SocketErrorCode == SocketError.ConnectionRefused
                ? OSErrors.Create(OSErrors.ECONNREFUSED, OSErrors.Strerror(OSErrors.ECONNREFUSED)!, null, e)
                : OSErrors.Create(OSErrors.ENOENT, OSErrors.Strerror(OSErrors.ENOENT)!, null, e);
        }
        catch (SocketException e)
        {
            throw OSErrors.ConnectCallFailed(e, address is IPEndPoint ip ? AddressOf(ip) : address.ToString());
        }
    }

    // CPython's sock_connect with the loop's selector: a non-blocking connect, then the socket registered for writing
    // until the connect ends, then SO_ERROR. .NET's own asynchronous connect would register the socket with .NET's
    // engine for good, whose thread would then wake for every later readiness of the connection.
    private static async Coroutine ConnectBySelector(EventLoop loop, EpollSelector selector, Socket sock, EndPoint address)
    {
        try
        {
            sock.Connect(address);
            return;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // Under way.
        }
        var writable = loop.CreateFuture<NoneType>();
        int fd = (int)sock.Handle;
        // A connect ends by itself: it holds a virtual clock until it has (OutsideWork.WaitsOnIo).
        loop.OutsideWork.IoStarted();
        selector.SetWriter(fd, ConnectWritable.Instance, writable);
        try
        {
            await writable;
        }
        finally
        {
            selector.ClearWriter(fd);
            loop.OutsideWork.IoEnded();
        }
        // Poll tells .NET the socket is connected (its Connected, RemoteEndPoint and LocalEndPoint).
        sock.Poll(0, SelectMode.SelectWrite);
        var error = (SocketError)(int)sock.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != SocketError.Success) throw new SocketException((int)error);
    }

    private sealed class ConnectWritable : IReadyCallback
    {
        public static readonly ConnectWritable Instance = new();

        public void Run(object? arg)
        {
            var writable = (Future<NoneType>)arg!;
            if (!writable.Done()) writable.SetResult(NoneType.None);
        }

        public string Describe(object? arg) => "BaseSelectorEventLoop._sock_connect_cb()";
    }

    /// <summary>
    /// Mirrors <c>conn, address = await loop.sock_accept(sock)</c>: the next connection on a listening socket,
    /// made non-blocking as CPython's, and its peer's address as Python's <c>(host, port)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="sock"/> is null.</exception>
    /// <exception cref="ValueError">In debug mode, a blocking socket.</exception>
    /// <exception cref="OSError">The accept failed.</exception>
    public static async Coroutine<(Socket Conn, (string Host, int Port) Address)> SockAccept(this EventLoop loop, Socket sock)
    {
        Check(loop, sock);
        Socket conn;
        if (TakeKept(sock) is { } waiting) conn = waiting;
        else if (sock.Poll(0, SelectMode.SelectRead)) conn = sock.Accept();
        else
        {
            var done = loop.CreateFuture<Socket>();
            var accept = sock.AcceptAsync(Cancellation(done)).AsTask();
            // An accept that completes after its future was cancelled keeps its connection for the next one.
            _ = accept.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully && done.Cancelled())
                    lock (s_accepted) s_accepted.GetOrCreateValue(sock).Enqueue(t.Result);
            }, TaskScheduler.Default);
            Complete(loop, done, accept);
            try
            {
                conn = await done;
            }
            catch (SocketException e)
            {
                throw OSErrors.From(e);
            }
        }
        conn.Blocking = false;
        return (conn, AddressOf(conn.RemoteEndPoint));
    }

    // A connection accepted for a cancelled SockAccept on this socket (added from a thread-pool thread).
    private static Socket? TakeKept(Socket sock)
    {
        lock (s_accepted) return s_accepted.TryGetValue(sock, out var kept) && kept.TryDequeue(out var conn) ? conn : null;
    }

    /// <summary>Python's <c>(host, port)</c> for an IP endpoint; <c>("", 0)</c> for another kind (a Unix socket's peer has no name).</summary>
    internal static (string Host, int Port) AddressOf(EndPoint? endPoint) =>
        endPoint is IPEndPoint ip ? (ip.Address.ToString(), ip.Port) : ("", 0);

    private static void Check(EventLoop loop, Socket sock)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(sock);
        if (loop.GetDebug() && sock.Blocking) throw new ValueError("the socket must be non-blocking");
    }

    // sock.recv on a non-blocking socket: the bytes read (0 at the end), or -1 when nothing is there yet.
    private static int TryReceive(Socket sock, byte[] buffer)
    {
        if (buffer.Length == 0) return 0;
        if (!sock.Poll(0, SelectMode.SelectRead)) return -1;
        int received = sock.Receive(buffer, 0, buffer.Length, SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock) return -1;
        if (error != SocketError.Success) throw OSErrors.From(new SocketException((int)error));
        return received;
    }

    // sock.send on a non-blocking socket: how much went at once. A blocking socket (which CPython's debug
    // mode refuses) could block the loop in Send, so all of it goes through the asynchronous send.
    private static int TrySend(Socket sock, byte[] data)
    {
        if (data.Length == 0 || sock.Blocking) return 0;
        int sent = sock.Send(data, 0, data.Length, SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock) return 0;
        if (error != SocketError.Success) throw OSErrors.From(new SocketException((int)error));
        return sent;
    }

    // The error a readiness wait ended with (0 for none), raised as the receive would have.
    private static void ThrowIfFailed(int error)
    {
        if (error != 0 && error != (int)SocketError.OperationAborted) throw OSErrors.From(new SocketException(error));
    }

    // A wait until the socket has data or its end: a zero-byte receive, which reads nothing.
    private static Future<int> Readable(EventLoop loop, Socket sock)
    {
        var ready = loop.CreateFuture<int>();
        Complete(loop, ready, sock.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, Cancellation(ready)).AsTask(), failuresAreReadiness: true);
        return ready;
    }

    // Cancelling the future cancels the .NET operation.
    private static CancellationToken Cancellation<T>(Future<T> future)
    {
        var source = new CancellationTokenSource();
        future.AddDoneCallback(f =>
        {
            if (f.Cancelled()) source.Cancel();
            source.Dispose();
        });
        return source.Token;
    }

    // The operation's end reaches the loop as an I/O event, which settles the future there.
    private static void Complete<T>(EventLoop loop, Future<T> future, Task<T> operation, bool failuresAreReadiness = false)
    {
        if (operation.IsCompleted) loop.PostEvent(SocketOperationEnded<T>.Instance, (future, operation, failuresAreReadiness));
        else operation.ContinueWith(t => loop.PostEvent(SocketOperationEnded<T>.Instance, (future, t, failuresAreReadiness)), TaskScheduler.Default);
    }

    private static async Task<int> Done(ValueTask operation)
    {
        await operation.ConfigureAwait(false);
        return 0;
    }

    private sealed class SocketOperationEnded<T> : IReadyCallback
    {
        public static readonly SocketOperationEnded<T> Instance = new();

        // A readiness wait that failed carries the socket's error (Linux reports ECONNRESET once, so the receive that
        // would follow sees only the end); any other end of the wait means "try now".
        public void Run(object? arg)
        {
            var (future, operation, failuresAreReadiness) = ((Future<T>, Task<T>, bool))arg!;
            if (future.Done()) return;
            if (operation.IsCompletedSuccessfully) future.SetResult(operation.Result);
            else if (failuresAreReadiness && operation.Exception?.InnerException is SocketException failed)
                future.SetResult((T)(object)(int)failed.SocketErrorCode);
            else if (failuresAreReadiness || operation.IsCanceled) future.SetResult(default!);
            else future.SetException(operation.Exception!.InnerException!);
        }

        public string Describe(object? arg) => "BaseSelectorEventLoop._sock_io()";
    }
}
