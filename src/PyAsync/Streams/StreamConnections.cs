using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// CPython's <c>asyncio.open_connection</c> and <c>asyncio.start_server</c> (asyncio/streams.py): a connection's
/// <see cref="PyStreamReader"/> and <see cref="PyStreamWriter"/> over the loop's socket transport. The facade's
/// <c>OpenConnection</c> and <c>StartServer</c> forward here.
/// </summary>
internal static class StreamConnections
{
    /// <summary>CPython's <c>open_connection(host, port, *, limit, sock)</c>.</summary>
    public static async Coroutine<(PyStreamReader Reader, PyStreamWriter Writer)> OpenConnection(string? host, int? port, int limit, Socket? sock)
    {
        var loop = EventLoop.GetRunningLoop();
        var reader = new PyStreamReader(limit, loop);
        var protocol = new StreamReaderProtocol(reader, null, loop);
        var transport = await EventLoopConnections.CreateConnection(loop, protocol, host, port, sock);
        var writer = new PyStreamWriter(transport, protocol, reader, loop);
        return (reader, writer);
    }

    /// <summary>CPython's <c>start_server(client_connected_cb, host, port, *, limit, sock, backlog, start_serving)</c>.</summary>
    public static Coroutine<Server> StartServer(Func<PyStreamReader, PyStreamWriter, Coroutine?> clientConnected, string? host, int? port, int limit, Socket? sock, int backlog, bool startServing)
    {
        ArgumentNullException.ThrowIfNull(clientConnected);
        var loop = EventLoop.GetRunningLoop();
        // The limit is checked now, as CPython's StreamReader(limit) would at the first connection.
        if (limit <= 0) throw new ValueError("Limit cannot be <= 0");
        return EventLoopConnections.CreateServer(loop, () => new StreamReaderProtocol(new PyStreamReader(limit, loop), clientConnected, loop),
            host, port, sock, backlog, startServing);
    }

    /// <summary>CPython's <c>open_unix_connection(path, *, limit, sock)</c>.</summary>
    public static async Coroutine<(PyStreamReader Reader, PyStreamWriter Writer)> OpenUnixConnection(string? path, int limit, Socket? sock)
    {
        var loop = EventLoop.GetRunningLoop();
        var reader = new PyStreamReader(limit, loop);
        var protocol = new StreamReaderProtocol(reader, null, loop);
        var transport = await EventLoopConnections.CreateUnixConnection(loop, protocol, path, sock);
        var writer = new PyStreamWriter(transport, protocol, reader, loop);
        return (reader, writer);
    }

    /// <summary>CPython's <c>start_unix_server(client_connected_cb, path, *, limit, sock, backlog, start_serving)</c>.</summary>
    public static Coroutine<Server> StartUnixServer(Func<PyStreamReader, PyStreamWriter, Coroutine?> clientConnected, string? path, int limit, Socket? sock, int backlog, bool startServing)
    {
        ArgumentNullException.ThrowIfNull(clientConnected);
        var loop = EventLoop.GetRunningLoop();
        if (limit <= 0) throw new ValueError("Limit cannot be <= 0");
        return EventLoopConnections.CreateUnixServer(loop, () => new StreamReaderProtocol(new PyStreamReader(limit, loop), clientConnected, loop),
            path, sock, backlog, startServing);
    }
}
