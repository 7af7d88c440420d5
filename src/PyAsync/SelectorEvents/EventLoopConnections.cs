using System.Net;
using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// CPython's <c>loop.create_connection</c> and <c>loop.create_server</c> (asyncio/base_events.py) for stream
/// sockets, as <c>open_connection</c> and <c>start_server</c> use them: names are looked up without blocking the
/// loop, each address is tried in turn, and the connected (or accepted) socket gets a <see cref="SocketTransport"/>.
/// </summary>
internal static class EventLoopConnections
{
    /// <summary>
    /// CPython's <c>await loop.create_connection(lambda: protocol, host, port, sock=sock)</c>: the transport, after
    /// <c>protocol.connection_made</c> ran.
    /// </summary>
    /// <exception cref="ValueError">Both or neither of <paramref name="host"/>/<paramref name="port"/> and <paramref name="sock"/> given, or a socket that is not a stream socket.</exception>
    /// <exception cref="OSError">The lookup or every connect failed (<c>[Errno 111] Connect call failed ('127.0.0.1', 9)</c>).</exception>
    public static async Coroutine<SocketTransport> CreateConnection(EventLoop loop, IStreamProtocol protocol, string? host, int? port, Socket? sock)
    {
        if (sock is not null)
        {
            if (host is not null || port is not null) throw new ValueError("host/port and sock can not be specified at the same time");
            if (sock.SocketType != SocketType.Stream) throw new ValueError($"A Stream Socket was expected, got {sock.SocketType}");
        }
        else
        {
            if (host is null && port is null) throw new ValueError("host and port was not specified and no sock specified");
            var addresses = await Lookup(loop, host, port ?? 0, passive: false);
            var exceptions = new List<Exception>();
            foreach (var address in addresses)
            {
                var candidate = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try
                {
                    await loop.SockConnect(candidate, address);
                    sock = candidate;
                    break;
                }
                catch (Exception e) when (e is OSError or TimeoutError)
                {
                    candidate.Close();
                    exceptions.Add(e);
                }
                catch
                {
                    candidate.Close();
                    throw;
                }
            }
            if (sock is null) throw Failed(exceptions);
        }
        return await Connected(loop, sock, protocol);
    }

    /// <summary>
    /// CPython's <c>await loop.create_unix_connection(lambda: protocol, path, sock=sock)</c>: a Unix-domain stream
    /// connection to the socket file <paramref name="path"/>.
    /// </summary>
    /// <exception cref="ValueError">Both or neither of <paramref name="path"/> and <paramref name="sock"/>.</exception>
    /// <exception cref="FileNotFoundError">No such socket file.</exception>
    /// <exception cref="ConnectionRefusedError">Nobody listens on it.</exception>
    public static async Coroutine<SocketTransport> CreateUnixConnection(EventLoop loop, IStreamProtocol protocol, string? path, Socket? sock)
    {
        if (sock is not null)
        {
            if (path is not null) throw new ValueError("path and sock can not be specified at the same time");
            if (sock.AddressFamily != AddressFamily.Unix || sock.SocketType != SocketType.Stream) throw new ValueError($"A UNIX Domain Stream Socket was expected, got {sock}");
        }
        else
        {
            if (path is null) throw new ValueError("no path and sock were specified");
            var candidate = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
            try
            {
                await loop.SockConnect(candidate, new UnixDomainSocketEndPoint(path));
            }
            catch
            {
                candidate.Close();
                throw;
            }
            sock = candidate;
        }
        return await Connected(loop, sock, protocol);
    }

    /// <summary>
    /// CPython's <c>await loop.create_unix_server(factory, path, sock=sock, backlog=100, start_serving=True)</c>: a
    /// stale socket file at <paramref name="path"/> is removed first, as CPython's. .NET removes the file when the
    /// listening socket closes (CPython 3.13's <c>cleanup_socket=True</c>; 3.11 leaves it).
    /// </summary>
    /// <exception cref="ValueError">Both or neither of <paramref name="path"/> and <paramref name="sock"/>.</exception>
    /// <exception cref="OSError">The bind failed (<c>[Errno 98] Address already in use</c>).</exception>
    public static async Coroutine<Server> CreateUnixServer(EventLoop loop, Func<IStreamProtocol> protocolFactory, string? path, Socket? sock, int backlog, bool startServing)
    {
        if (sock is not null)
        {
            if (path is not null) throw new ValueError("path and sock can not be specified at the same time");
            if (sock.AddressFamily != AddressFamily.Unix || sock.SocketType != SocketType.Stream) throw new ValueError($"A UNIX Domain Stream Socket was expected, got {sock}");
        }
        else
        {
            if (path is null) throw new ValueError("path was not specified, and no sock specified");
            // A stale socket file is removed first (an abstract socket, starting with NUL, has no file).
            if (path.Length > 0 && path[0] != '\0' && File.Exists(path) && IsSocket(path)) File.Delete(path);
            sock = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                sock.Bind(new UnixDomainSocketEndPoint(path));
            }
            catch (SocketException e)
            {
                sock.Close();
                throw e.SocketErrorCode == SocketError.AddressAlreadyInUse
                    ? OSErrors.Create(98, $"Address '{path}' is already in use", null, e)
                    : OSErrors.From(e);
            }
        }
        sock.Blocking = false;
        var server = new Server(loop, [sock], protocolFactory, backlog);
        if (startServing)
        {
            server.BeginServing();
            await SleepCoroutine.Create(0);
        }
        return server;
    }

    // stat.S_ISSOCK(os.stat(path).st_mode): a socket file cannot be opened (ENXIO); any other file that exists can.
    private static bool IsSocket(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    // CPython's _create_connection_transport: the transport, once protocol.connection_made ran.
    private static async Coroutine<SocketTransport> Connected(EventLoop loop, Socket sock, IStreamProtocol protocol)
    {
        var waiter = loop.CreateFuture<NoneType>();
        var transport = new SocketTransport(loop, sock, protocol, waiter);
        try
        {
            await waiter;
        }
        catch
        {
            transport.Close();
            throw;
        }
        return transport;
    }

    // CPython: the one error, or the first if all read the same, else "Multiple exceptions: ...".
    private static Exception Failed(List<Exception> exceptions)
    {
        if (exceptions.Count == 1) return exceptions[0];
        string first = Builtins.Str(exceptions[0]);
        if (exceptions.All(e => Builtins.Str(e) == first)) return exceptions[0];
        return new OSError("Multiple exceptions: " + string.Join(", ", exceptions.Select(Builtins.Str)));
    }

    /// <summary>
    /// CPython's <c>await loop.create_server(factory, host, port, sock=sock, backlog=100, reuse_address=True,
    /// start_serving=True)</c>: one listening socket per address of <paramref name="host"/> (all interfaces for
    /// null or <c>""</c>), serving at once unless <paramref name="startServing"/> is false.
    /// </summary>
    /// <exception cref="ValueError">Both or neither of <paramref name="host"/>/<paramref name="port"/> and <paramref name="sock"/> given.</exception>
    /// <exception cref="OSError">A bind failed: <c>[Errno 98] error while attempting to bind on address ('127.0.0.1', 8888): address already in use</c>.</exception>
    public static async Coroutine<Server> CreateServer(EventLoop loop, Func<IStreamProtocol> protocolFactory, string? host, int? port, Socket? sock, int backlog, bool startServing)
    {
        var sockets = new List<Socket>();
        if (sock is not null)
        {
            if (host is not null || port is not null) throw new ValueError("host/port and sock can not be specified at the same time");
            if (sock.SocketType != SocketType.Stream) throw new ValueError($"A Stream Socket was expected, got {sock.SocketType}");
            sockets.Add(sock);
        }
        else
        {
            var addresses = string.IsNullOrEmpty(host)
                ? Socket.OSSupportsIPv6 ? [new IPEndPoint(IPAddress.Any, port ?? 0), new IPEndPoint(IPAddress.IPv6Any, port ?? 0)] : [new IPEndPoint(IPAddress.Any, port ?? 0)]
                : await Lookup(loop, host, port ?? 0, passive: true);
            try
            {
                foreach (var address in addresses.Distinct())
                {
                    var listening = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    sockets.Add(listening);
                    ReuseAddress(listening);
                    // Disable IPv4/IPv6 dual stack support (enabled by default on Linux), as CPython.
                    if (address.AddressFamily == AddressFamily.InterNetworkV6) listening.DualMode = false;
                    try
                    {
                        listening.Bind(address);
                    }
                    catch (SocketException e)
                    {
                        var mapped = OSErrors.From(e);
                        int errno = mapped is OSError o && o.Errno is int n ? n : e.ErrorCode;
                        string reason = (OSErrors.Strerror(errno) ?? e.Message).ToLowerInvariant();
                        throw OSErrors.Create(errno, $"error while attempting to bind on address {Builtins.Repr(EventLoopSockets.AddressOf(address))}: {reason}", null, e);
                    }
                }
            }
            catch
            {
                foreach (var s in sockets) s.Close();
                throw;
            }
        }
        foreach (var s in sockets) s.Blocking = false;
        var server = new Server(loop, sockets, protocolFactory, backlog);
        if (startServing)
        {
            server.BeginServing();
            // Skip one loop iteration so that the accepts go through, as CPython's.
            await SleepCoroutine.Create(0);
        }
        return server;
    }

    // SO_REUSEADDR alone (CPython's reuse_address=True on POSIX). .NET's ReuseAddress option also sets
    // SO_REUSEPORT on Linux and macOS, which would let two servers bind one port.
    private static void ReuseAddress(Socket sock)
    {
        if (OperatingSystem.IsLinux()) sock.SetRawSocketOption(1, 2, BitConverter.GetBytes(1));
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) sock.SetRawSocketOption(0xffff, 4, BitConverter.GetBytes(1));
    }

    // getaddrinfo in the default executor, as CPython: an IP address needs no lookup.
    private static async Coroutine<IPEndPoint[]> Lookup(EventLoop loop, string? host, int port, bool passive)
    {
        if (port is < 0 or > 65535) throw new OverflowError("getsockaddrarg: port must be 0-65535.");
        if (host is null) return passive ? [new IPEndPoint(IPAddress.Any, port)] : [new IPEndPoint(IPAddress.Loopback, port)];
        if (IPAddress.TryParse(host, out var ip)) return [new IPEndPoint(ip, port)];
        var done = loop.CreateFuture<IPAddress[]>();
        loop.OutsideWork.IoStarted();
        _ = Dns.GetHostAddressesAsync(host).ContinueWith(static (t, state) =>
        {
            var (loop, done) = ((EventLoop, Future<IPAddress[]>))state!;
            loop.PostEvent(LookupDone.Instance, (done, t));
            loop.OutsideWork.IoEnded();
        }, (loop, done), TaskScheduler.Default);
        IPAddress[] found;
        try
        {
            found = await done;
        }
        catch (SocketException e)
        {
            // socket.gaierror
            throw new OSError(new PyTuple([-2, "Name or service not known"]), e);
        }
        if (found.Length == 0) throw new OSError("getaddrinfo() returned empty list");
        return found.Select(a => new IPEndPoint(a, port)).ToArray();
    }

    private sealed class LookupDone : IReadyCallback
    {
        public static readonly LookupDone Instance = new();

        public void Run(object? arg)
        {
            var (done, lookup) = ((Future<IPAddress[]>, Task<IPAddress[]>))arg!;
            if (done.Done()) return;
            if (lookup.IsCompletedSuccessfully) done.SetResult(lookup.Result);
            else done.SetException(lookup.Exception!.InnerException!);
        }

        public string Describe(object? arg) => "getaddrinfo()";
    }
}
