using System.Net.Sockets;

namespace PyAsync;

public static partial class Asyncio
{
    /// <summary>
    /// Mirrors <c>reader, writer = await asyncio.open_connection(host, port, *, limit=2**16, sock=None)</c>: a TCP
    /// connection to <paramref name="host"/>:<paramref name="port"/> (or over the connected <paramref name="sock"/>),
    /// as a <see cref="PyStreamReader"/> and a <see cref="PyStreamWriter"/>:
    /// <c>var (reader, writer) = await OpenConnection("127.0.0.1", 8888);</c>
    /// </summary>
    /// <remarks>
    /// A host name is looked up without blocking the loop, and each of its addresses tried in turn, as CPython's
    /// <c>create_connection</c>. The other keyword arguments of CPython's (<c>ssl</c>, <c>family</c>,
    /// <c>local_addr</c>, <c>happy_eyeballs_delay</c>, ...) are not supported.
    /// </remarks>
    /// <param name="host">The host name or IP address.</param>
    /// <param name="port">The port.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="limit">The reader's limit: the longest line <c>ReadLine</c> returns, and half the buffer at which reading pauses.</param>
    /// <param name="sock">A connected stream socket to use instead of <paramref name="host"/> and <paramref name="port"/>.</param>
    /// <exception cref="ValueError">Both or neither of host/port and <paramref name="sock"/>; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="OSError">The connection failed: <see cref="ConnectionRefusedError"/> <c>[Errno 111] Connect call failed ('127.0.0.1', 8888)</c>.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<(PyStreamReader Reader, PyStreamWriter Writer)> OpenConnection(string? host = null, int? port = null, KeywordOnly _ = default, int limit = PyStreamReader.DefaultLimit, Socket? sock = null) =>
        StreamConnections.OpenConnection(host, port, limit, sock);

    /// <summary>
    /// Mirrors <c>server = await asyncio.start_server(client_connected_cb, host, port, *, limit=2**16, sock=None,
    /// backlog=100, start_serving=True)</c>: listens on <paramref name="host"/>:<paramref name="port"/> (every interface
    /// for null; port 0 for any free port) and runs <paramref name="clientConnectedCb"/>(reader, writer) as a new task
    /// for each connection: <c>var server = await StartServer(HandleEcho, "127.0.0.1", 8888);</c>
    /// </summary>
    /// <remarks>
    /// As in CPython 3.11, a handler that fails is reported to the loop's exception handler ("Unhandled exception in
    /// client_connected_cb") and its connection closed. The listening sockets have <c>SO_REUSEADDR</c>, as CPython's
    /// on POSIX. <c>ssl</c>, <c>family</c>, <c>flags</c>, <c>reuse_port</c> and the rest are not supported.
    /// </remarks>
    /// <param name="clientConnectedCb">The coroutine function for each connection.</param>
    /// <param name="host">The address to listen on; null or <c>""</c> for all interfaces.</param>
    /// <param name="port">The port; 0 for a free one (see <see cref="Server.Sockets"/>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="limit">Each connection's reader's limit.</param>
    /// <param name="sock">A bound stream socket to listen on instead of <paramref name="host"/> and <paramref name="port"/>.</param>
    /// <param name="backlog">The listen backlog.</param>
    /// <param name="startServing">False to start accepting only with <see cref="Server.StartServing"/> or <see cref="Server.ServeForever"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clientConnectedCb"/> is null.</exception>
    /// <exception cref="ValueError">Both host/port and <paramref name="sock"/>; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="OSError">A bind failed (<c>[Errno 98] error while attempting to bind on address ('127.0.0.1', 8888): address already in use</c>).</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Server> StartServer(Func<PyStreamReader, PyStreamWriter, Coroutine> clientConnectedCb, string? host = null, int? port = null, KeywordOnly _ = default,
        int limit = PyStreamReader.DefaultLimit, Socket? sock = null, int backlog = 100, bool startServing = true) =>
        StreamConnections.StartServer(clientConnectedCb, host, port, limit, sock, backlog, startServing);

    /// <summary>
    /// Mirrors <c>asyncio.start_server</c> with a plain (not <c>async</c>) <c>client_connected_cb</c>, which runs in
    /// the loop's callback for the new connection. See the coroutine form.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="clientConnectedCb"/> is null.</exception>
    /// <exception cref="ValueError">Both host/port and <paramref name="sock"/>; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="OSError">A bind failed.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Server> StartServer(Action<PyStreamReader, PyStreamWriter> clientConnectedCb, string? host = null, int? port = null, KeywordOnly _ = default,
        int limit = PyStreamReader.DefaultLimit, Socket? sock = null, int backlog = 100, bool startServing = true)
    {
        ArgumentNullException.ThrowIfNull(clientConnectedCb);
        return StreamConnections.StartServer((r, w) => { clientConnectedCb(r, w); return null; }, host, port, limit, sock, backlog, startServing);
    }

    /// <summary>
    /// Mirrors <c>reader, writer = await asyncio.open_unix_connection(path, *, limit=2**16, sock=None)</c>: a Unix-domain
    /// stream connection to the socket file <paramref name="path"/>, as <see cref="OpenConnection"/>'s.
    /// </summary>
    /// <param name="path">The socket file.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="limit">The reader's limit.</param>
    /// <param name="sock">A connected Unix-domain stream socket to use instead of <paramref name="path"/>.</param>
    /// <exception cref="ValueError">Both or neither of <paramref name="path"/> and <paramref name="sock"/>; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="FileNotFoundError">No such socket file (<c>[Errno 2] No such file or directory</c>).</exception>
    /// <exception cref="ConnectionRefusedError">Nobody listens on it (<c>[Errno 111] Connection refused</c>).</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<(PyStreamReader Reader, PyStreamWriter Writer)> OpenUnixConnection(string? path = null, KeywordOnly _ = default, int limit = PyStreamReader.DefaultLimit, Socket? sock = null) =>
        StreamConnections.OpenUnixConnection(path, limit, sock);

    /// <summary>
    /// Mirrors <c>server = await asyncio.start_unix_server(client_connected_cb, path, *, limit=2**16, sock=None,
    /// backlog=100, start_serving=True)</c>: listens on the socket file <paramref name="path"/> (a stale one is removed
    /// first), as <see cref="StartServer(Func{PyStreamReader, PyStreamWriter, Coroutine}, string?, int?, KeywordOnly, int, Socket?, int, bool)"/>.
    /// </summary>
    /// <remarks>
    /// Differs from CPython 3.11: the socket file is removed when the server closes (.NET removes the file a socket
    /// bound when it is closed), as CPython 3.13 does by default (<c>cleanup_socket=True</c>); 3.11 leaves it.
    /// </remarks>
    /// <param name="clientConnectedCb">The coroutine function for each connection.</param>
    /// <param name="path">The socket file.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="limit">Each connection's reader's limit.</param>
    /// <param name="sock">A bound Unix-domain stream socket to listen on instead of <paramref name="path"/>.</param>
    /// <param name="backlog">The listen backlog.</param>
    /// <param name="startServing">False to start accepting only with <see cref="Server.StartServing"/> or <see cref="Server.ServeForever"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clientConnectedCb"/> is null.</exception>
    /// <exception cref="ValueError">Both or neither of <paramref name="path"/> and <paramref name="sock"/>; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="OSError">The bind failed (<c>[Errno 98] Address '/tmp/x.sock' is already in use</c>).</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Server> StartUnixServer(Func<PyStreamReader, PyStreamWriter, Coroutine> clientConnectedCb, string? path = null, KeywordOnly _ = default,
        int limit = PyStreamReader.DefaultLimit, Socket? sock = null, int backlog = 100, bool startServing = true) =>
        StreamConnections.StartUnixServer(clientConnectedCb, path, limit, sock, backlog, startServing);
}
