using System.Net;
using System.Net.Sockets;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Streams over real loopback sockets (test_streams.py's StreamTests, test_server.py): <c>OpenConnection</c>,
/// <c>StartServer</c>, <see cref="PyStreamWriter"/>'s flow control and closing, and the hostile peers of issue 15.
/// Where the output does not depend on ports or timing, CPython's own output for the same program is the
/// expectation (each test keeps the Python original).
/// </summary>
public class StreamsTests
{
    private static byte[] B(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    private static int PortOf(Server server) => ((IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;

    private const string EchoPython = """
        import asyncio

        async def handle_echo(reader, writer):
            data = await reader.readline()
            print(f"server received {data!r} from {writer.get_extra_info('peername')[0]}")
            writer.write(data.upper())
            await writer.drain()
            writer.close()
            await writer.wait_closed()

        async def main():
            server = await asyncio.start_server(handle_echo, '127.0.0.1', 0)
            port = server.sockets[0].getsockname()[1]
            async with server:
                reader, writer = await asyncio.open_connection('127.0.0.1', port)
                print(writer.get_extra_info('peername')[0], writer.can_write_eof())
                writer.write(b'hello\n')
                await writer.drain()
                print(await reader.readline())
                print(await reader.read())
                print(reader.at_eof())
                writer.close()
                await writer.wait_closed()
                print(writer.is_closing())
            print(server.is_serving(), len(server.sockets))

        asyncio.run(main())
        """;

    /// <summary>test_streams.test_open_connection and test_start_server: an echo over loopback, as CPython prints it.</summary>
    [PythonFact]
    public void An_echo_server_and_client_print_what_CPython_prints()
    {
        var output = PyRun.Main(async () =>
        {
            async Coroutine HandleEcho(PyStreamReader reader, PyStreamWriter writer)
            {
                var data = await reader.ReadLine();
                Print($"server received {Repr(data)} from {(((string Host, int Port))writer.GetExtraInfo("peername")!).Host}");
                writer.Write(data.Decode().ToUpperInvariant().Encode());
                await writer.Drain();
                writer.Close();
                await writer.WaitClosed();
            }

            var server = await StartServer(HandleEcho, "127.0.0.1", 0);
            int port = PortOf(server);
            await using (server)
            {
                var (reader, writer) = await OpenConnection("127.0.0.1", port);
                Print((((string Host, int Port))writer.GetExtraInfo("peername")!).Host, writer.CanWriteEof());
                writer.Write(Bytes("hello\n"));
                await writer.Drain();
                Print(await reader.ReadLine());
                Print(await reader.Read());
                Print(reader.AtEof());
                writer.Close();
                await writer.WaitClosed();
                Print(writer.IsClosing());
            }
            Print(server.IsServing(), server.Sockets.Count);
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe(Python.RunScript(EchoPython));
    }

    /// <summary>
    /// test_streams.py's test_open_connection and test_read_all_from_pipe_reader at bulk size: 4 MiB sent in 64 KiB writes
    /// arrive whole and in order through reads of mixed sizes, with the reader's buffer lent to the transport (the
    /// buffered-protocol path, one copy fewer) and growing through feed_data first.
    /// </summary>
    [Fact]
    public void A_bulk_transfer_arrives_whole_and_in_order_through_reads_of_mixed_sizes()
    {
        const int size = 4 << 20;
        var output = PyRun.Main(async () =>
        {
            async Coroutine Send(PyStreamReader reader, PyStreamWriter writer)
            {
                var chunk = new byte[64 * 1024];
                for (int sent = 0; sent < size; sent += chunk.Length)
                {
                    for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)((sent + i) % 251);
                    writer.Write(chunk);
                    await writer.Drain();
                }
                writer.Close();
                await writer.WaitClosed();
            }

            await using var server = await StartServer(Send, "127.0.0.1", 0);
            var (reader, writer) = await OpenConnection("127.0.0.1", PortOf(server));
            long total = 0;
            bool inOrder = true;
            for (int round = 0; ; round++)
            {
                // readexactly while bytes are still due; read, which alone returns b'' at EOF, otherwise.
                int due = size - (int)total;
                var data = round % 2 == 1 && due > 0 ? await reader.ReadExactly(Math.Min(70_001, due)) : await reader.Read(100_000 + round);
                if (data.Length == 0) break;
                for (int i = 0; i < data.Length; i++) inOrder &= data[i] == (byte)((total + i) % 251);
                total += data.Length;
            }
            Print("received", total, "bytes, in order:", inOrder, "at EOF:", reader.AtEof());
            writer.Close();
            await writer.WaitClosed();
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe($"received {size} bytes, in order: True at EOF: True\n");
    }

    /// <summary>
    /// test_streams.test_drain_raises's peer that never reads (and CPython's flow control): drain blocks once the
    /// buffer is over the high water mark instead of buffering without bound, and goes on once the peer reads.
    /// </summary>
    [Fact]
    public void Drain_blocks_while_the_peer_does_not_read_and_goes_on_when_it_does()
    {
        var output = PyRun.Main(async () =>
        {
            var reading = new Event();
            var finished = new Event();
            var received = 0;
            async Coroutine Slow(PyStreamReader reader, PyStreamWriter writer)
            {
                await reading.Wait();
                while (true)
                {
                    var chunk = await reader.Read(65536);
                    if (chunk.Length == 0) break;
                    received += chunk.Length;
                }
                writer.Close();
                finished.Set();
            }

            await using var server = await StartServer(Slow, "127.0.0.1", 0);
            var (_, writer) = await OpenConnection("127.0.0.1", PortOf(server));
            var chunk = new byte[64 * 1024];
            int written = 0;
            try
            {
                // 64 MiB: far more than the kernel's buffers and the peer's reader (2 * 64 KiB) hold.
                for (int i = 0; i < 1024; i++)
                {
                    writer.Write(chunk);
                    written += chunk.Length;
                    await WaitFor(writer.Drain(), 1);
                }
                Print("drain never blocked");
            }
            catch (TimeoutError)
            {
                Print("drain blocked at", GetRunningLoop().Time(), "s with", writer.Transport.GetWriteBufferSize() > 64 * 1024, "over the high water mark");
            }
            Print("written less than 64 MiB:", written < 64 * 1024 * 1024);
            reading.Set();
            await writer.Drain();
            writer.WriteEof();
            writer.Close();
            await writer.WaitClosed();
            await finished.Wait();
            Print("the peer read all of it:", received == written);
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe("""
            drain blocked at 1.0 s with True over the high water mark
            written less than 64 MiB: True
            the peer read all of it: True

            """);
    }

    /// <summary>
    /// test_streams.test_drain_raises: a peer that accepts and closes at once; writing and draining in a loop ends in
    /// ConnectionResetError, ConnectionAbortedError or BrokenPipeError, and never hangs.
    /// </summary>
    [Fact]
    public void Writing_to_a_peer_that_closed_ends_in_a_connection_error()
    {
        var (error, output) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            listener.Blocking = false;
            var connecting = CreateTask(OpenConnection("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port));
            var (peer, _) = await loop.SockAccept(listener);
            peer.Close();
            var (_, writer) = await connecting;
            try
            {
                while (true)
                {
                    writer.Write(Bytes("foo\n"));
                    await writer.Drain();
                }
            }
            catch (Exception e) when (e is ConnectionResetError or ConnectionAbortedError or BrokenPipeError)
            {
                return e.GetType().Name;
            }
        });
        output.Stderr.ShouldBeEmpty();
        error.ShouldBeOneOf(nameof(ConnectionResetError), nameof(ConnectionAbortedError), nameof(BrokenPipeError));
    }

    /// <summary>
    /// The virtual clock waits for a reply already at the socket (what CPython's select(0) would see): it beats
    /// a timeout (test_streams' readline over loopback, on PyAsync's virtual clock; CPython's selector sees loopback
    /// data at once). Replies sent after a virtual second arrive at 1.0.
    /// </summary>
    [Fact]
    public void The_virtual_clock_does_not_jump_past_a_reply_in_flight()
    {
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var connected = new Event();
            async Coroutine Answer(PyStreamReader reader, PyStreamWriter writer)
            {
                connected.Set();
                while (true)
                {
                    var line = await reader.ReadLine();
                    if (line.Length == 0) break;
                    if (line.Decode().StartsWith("late", StringComparison.Ordinal)) await Sleep(1);
                    writer.Write(line.Decode().ToUpperInvariant().Encode());
                    await writer.Drain();
                }
                writer.Close();
            }

            await using var server = await StartServer(Answer, "127.0.0.1", 0);
            var (reader, writer) = await OpenConnection("127.0.0.1", PortOf(server));
            // The accept is not the point here (see the README on the virtual clock and accepts).
            await connected.Wait();
            // A task that keeps a timer due: the clock would jump to it if nothing held it.
            var ticker = CreateTask(Sleep(3600));
            for (int i = 0; i < 200; i++)
            {
                writer.Write(Bytes($"ping {i}\n"));
                await writer.Drain();
                var reply = await WaitFor(reader.ReadLine(), 5);
                if (reply.Decode() != $"PING {i}\n") Print("wrong reply", Repr(reply));
            }
            Print("200 replies at", loop.Time());
            writer.Write(Bytes("late\n"));
            Print(await WaitFor(reader.ReadLine(), 5), "at", loop.Time());
            ticker.Cancel();
            writer.Close();
            await writer.WaitClosed();
            // The handler sees the end of the stream and returns (else Run's shutdown would cancel it, and CPython 3.11
            // reports the cancelled handler: see the next test).
            await Sleep(0.1);
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe("""
            200 replies at 0.0
            b'LATE\n' at 1.0

            """);
    }

    /// <summary>
    /// The virtual clock with many connections whose replies are in flight while timers wait: each reply arrives at
    /// the virtual time CPython's select(0) would give it, and the clock never waits its grace period (a wake-up
    /// from a connect that ended used to be taken for the end of that period, and the clock jumped).
    /// </summary>
    [Fact]
    public void Connections_made_while_timers_wait_keep_their_virtual_times()
    {
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            for (int i = 0; i < 100; i++)
            {
                // The handler writes only after main's timer is set; the connection is accepted before (see the
                // README on accepts and the virtual clock).
                var accepted = new Event();
                var go = new Event();
                var server = await StartServer(async (r, w) => { accepted.Set(); await go.Wait(); w.Write(Bytes("hi\n")); await w.Drain(); w.Close(); }, "127.0.0.1", 0);
                var (reader, writer) = await OpenConnection("127.0.0.1", PortOf(server));
                await accepted.Wait();
                go.Set();
                await Sleep(0.1);
                var data = await reader.Read();
                if (data.Decode() != "hi\n" || Math.Abs(loop.Time() - 0.1 * (i + 1)) > 1e-9) Print("wrong at", i, Repr(data), loop.Time());
                writer.Close();
                await writer.WaitClosed();
                server.Close();
            }
            Print("done at", Format(loop.Time(), ".1f"));
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe("done at 10.0\n");
    }

    /// <summary>
    /// A connection to the program's own server while a timer waits: the server's handler starts at the virtual time
    /// of the connect, as in CPython (the kernel queued the connection; select(0) sees it), never after the timer.
    /// .NET takes the connection from the kernel's queue on its thread pool before the accept completes; in between,
    /// only the count of the program's own connects shows it (Server.OwnConnectMade). Without it, on a loaded machine
    /// some of these handlers started at the timer's time.
    /// </summary>
    [Fact]
    public void A_handler_of_the_programs_own_connection_starts_before_a_waiting_timer()
    {
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var server = await StartServer((r, w) => { Print("handler at", Format(loop.Time(), ".1f")); w.Close(); }, "127.0.0.1", 0);
            for (int i = 0; i < 200; i++)
            {
                var (reader, writer) = await OpenConnection("127.0.0.1", PortOf(server));
                await Sleep(0.1);
                writer.Close();
                await writer.WaitClosed();
            }
            server.Close();
            await server.WaitClosed();
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe(string.Concat(Enumerable.Range(0, 200).Select(i => FormattableString.Invariant($"handler at {i * 0.1:0.0}\n"))));
    }

    private const string ShutdownPython = """
        import asyncio

        async def answer(reader, writer):
            await reader.readline()
            await asyncio.sleep(10)

        async def main():
            server = await asyncio.start_server(answer, '127.0.0.1', 0)
            async with server:
                r, w = await asyncio.open_connection('127.0.0.1', server.sockets[0].getsockname()[1])
                w.write(b'x\n')
                await asyncio.sleep(0.1)
                w.close()
                await w.wait_closed()
            print("done")

        asyncio.run(main())
        """;

    /// <summary>
    /// CPython 3.11's report of a handler still running when Run ends: the handler's done callback calls
    /// task.exception(), which raises CancelledError for the cancelled task ("Exception in callback
    /// ...connection_made.&lt;locals&gt;.callback(&lt;Task cancelled ...&gt;)"). 3.12 closes the transport instead.
    /// </summary>
    [PythonFact]
    public void A_handler_cancelled_by_Runs_shutdown_is_reported_as_CPython_311_reports_it()
    {
        var output = PyRun.Main(async () =>
        {
            async Coroutine Answer(PyStreamReader reader, PyStreamWriter writer)
            {
                await reader.ReadLine();
                await Sleep(10);
            }

            var server = await StartServer(Answer, "127.0.0.1", 0);
            await using (server)
            {
                var (r, w) = await OpenConnection("127.0.0.1", PortOf(server));
                w.Write(Bytes("x\n"));
                await Sleep(0.1);
                w.Close();
                await w.WaitClosed();
            }
            Print("done");
        });
        var python = Python.RunVirtualScript(ShutdownPython);
        output.Stdout.ShouldBe(python.Stdout);
        static string[] Shape(string stderr) => stderr.Split('\n').Where(l => l.StartsWith("Exception in callback", StringComparison.Ordinal) || l.Contains("CancelledError", StringComparison.Ordinal)).Select(l => l.Contains("CancelledError", StringComparison.Ordinal) ? "CancelledError" : "Exception in callback ...connection_made.<locals>.callback(<Task cancelled").ToArray();
        Shape(output.Stderr).ShouldBe(Shape(python.Stderr));
        // The callback's qualified name is the C# method's: ConnectionMade.<locals>.callback.
        output.Stderr.ShouldContain("Exception in callback ConnectionMade.<locals>.callback(<Task cancelled name='Task-2' coro=<");
    }

    private const string RefusedPython = """
        import asyncio, socket

        async def main():
            s = socket.socket()
            s.bind(('127.0.0.1', 0))
            port = s.getsockname()[1]
            s.close()
            try:
                await asyncio.open_connection('127.0.0.1', port)
            except ConnectionRefusedError as e:
                print(type(e).__name__, e.errno, str(e).replace(str(port), 'PORT'))

        asyncio.run(main())
        """;

    /// <summary>test_streams.test_open_connection_error's closed port: CPython's ConnectionRefusedError and message.</summary>
    [PythonFact]
    public void Connecting_to_a_closed_port_raises_CPythons_ConnectionRefusedError()
    {
        var output = PyRun.Main(async () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)s.LocalEndPoint!).Port;
            s.Close();
            try
            {
                await OpenConnection("127.0.0.1", port);
            }
            catch (ConnectionRefusedError e)
            {
                Print(Type(e).Name, e.Errno, Str(e).Replace(port.ToString(System.Globalization.CultureInfo.InvariantCulture), "PORT"));
            }
        });
        output.Stdout.ShouldBe(Python.RunScript(RefusedPython));
    }

    private const string HalfClosePython = """
        import asyncio

        async def handle(reader, writer):
            data = await reader.read()
            print('server got', data, 'then eof', reader.at_eof())
            writer.write(b'bye ' + data)
            await writer.drain()
            writer.close()

        async def main():
            server = await asyncio.start_server(handle, '127.0.0.1', 0)
            async with server:
                reader, writer = await asyncio.open_connection('127.0.0.1', server.sockets[0].getsockname()[1])
                writer.write(b'one ')
                writer.writelines([b'two ', b'three'])
                writer.write_eof()
                try:
                    writer.write(b'more')
                except RuntimeError as e:
                    print('RuntimeError:', e)
                print('client got', await reader.read())
                try:
                    await reader.readexactly(1)
                except asyncio.IncompleteReadError as e:
                    print('IncompleteReadError:', e, e.partial, e.expected)
                writer.close()
                await writer.wait_closed()

        asyncio.run(main())
        """;

    /// <summary>test_streams' half-close (write_eof): the server reads to the end, answers on the open half; then IncompleteReadError.</summary>
    [PythonFact]
    public void A_half_closed_connection_still_carries_the_answer()
    {
        var output = PyRun.Main(async () =>
        {
            async Coroutine Handle(PyStreamReader reader, PyStreamWriter writer)
            {
                var data = await reader.Read();
                Print("server got", data, "then eof", reader.AtEof());
                writer.Write([.. Bytes("bye "), .. data]);
                await writer.Drain();
                writer.Close();
            }

            var server = await StartServer(Handle, "127.0.0.1", 0);
            await using (server)
            {
                var (reader, writer) = await OpenConnection("127.0.0.1", PortOf(server));
                writer.Write(Bytes("one "));
                writer.WriteLines([Bytes("two "), Bytes("three")]);
                writer.WriteEof();
                try
                {
                    writer.Write(Bytes("more"));
                }
                catch (RuntimeError e)
                {
                    Print("RuntimeError:", e);
                }
                Print("client got", await reader.Read());
                try
                {
                    await reader.ReadExactly(1);
                }
                catch (IncompleteReadError e)
                {
                    Print("IncompleteReadError:", e, e.Partial, e.Expected);
                }
                writer.Close();
                await writer.WaitClosed();
            }
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe(Python.RunScript(HalfClosePython));
    }

    private const string ResetPython = """
        import asyncio, socket, struct

        async def main():
            loop = asyncio.get_running_loop()
            listener = socket.socket()
            listener.bind(('127.0.0.1', 0))
            listener.listen()
            listener.setblocking(False)
            connecting = asyncio.create_task(asyncio.open_connection('127.0.0.1', listener.getsockname()[1]))
            peer, _ = await loop.sock_accept(listener)
            reader, writer = await connecting
            await loop.sock_sendall(peer, b'partial line')
            await asyncio.sleep(0.1)
            peer.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            peer.close()
            try:
                print(await reader.readline())
            except ConnectionResetError as e:
                print(type(e).__name__, e)
            writer.close()
            try:
                await writer.wait_closed()
            except ConnectionResetError as e:
                print('wait_closed:', type(e).__name__, e)
            listener.close()

        asyncio.run(main())
        """;

    /// <summary>A reset in the middle of a read (a peer that closes with SO_LINGER 0 after half a line): ConnectionResetError, as CPython.</summary>
    [PythonFact]
    public void A_reset_in_the_middle_of_a_read_raises_ConnectionResetError()
    {
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            listener.Blocking = false;
            var connecting = CreateTask(OpenConnection("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port));
            var (peer, _) = await loop.SockAccept(listener);
            var (reader, writer) = await connecting;
            await loop.SockSendall(peer, Bytes("partial line"));
            await Sleep(0.1);
            peer.LingerState = new LingerOption(true, 0);
            peer.Close();
            try
            {
                Print(await reader.ReadLine());
            }
            catch (ConnectionResetError e)
            {
                Print(Type(e).Name, e);
            }
            writer.Close();
            try
            {
                await writer.WaitClosed();
            }
            catch (ConnectionResetError e)
            {
                Print("wait_closed:", Type(e).Name, e);
            }
            listener.Close();
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe(Python.RunScript(ResetPython));
    }

    private const string LongLinePython = """
        import asyncio

        written = None

        async def handle(reader, writer):
            writer.write(b'x' * 100 + b'\n' + b'short\n')
            await writer.drain()
            writer.close()
            written.set()

        async def main():
            global written
            written = asyncio.Event()
            server = await asyncio.start_server(handle, '127.0.0.1', 0)
            async with server:
                reader, writer = await asyncio.open_connection('127.0.0.1', server.sockets[0].getsockname()[1], limit=10)
                await written.wait()
                try:
                    await reader.readline()
                except ValueError as e:
                    print(type(e).__name__, e)
                try:
                    await reader.readuntil(b'\n')
                except asyncio.LimitOverrunError as e:
                    print(type(e).__name__, e, e.consumed)
                writer.close()
                await writer.wait_closed()

        asyncio.run(main())
        """;

    /// <summary>A line longer than the limit over a real connection (test_streams.test_readline_limit): ValueError from ReadLine, as CPython.</summary>
    [PythonFact]
    public void A_line_longer_than_the_limit_raises_as_in_CPython()
    {
        var output = PyRun.Main(async () =>
        {
            var written = new Event();
            async Coroutine Handle(PyStreamReader reader, PyStreamWriter writer)
            {
                writer.Write([.. Enumerable.Repeat((byte)'x', 100), .. Bytes("\n"), .. Bytes("short\n")]);
                await writer.Drain();
                writer.Close();
                written.Set();
            }

            var server = await StartServer(Handle, "127.0.0.1", 0);
            await using (server)
            {
                var (reader, writer) = await OpenConnection("127.0.0.1", PortOf(server), limit: 10);
                await written.Wait();
                try
                {
                    await reader.ReadLine();
                }
                catch (ValueError e)
                {
                    Print(Type(e).Name, e);
                }
                try
                {
                    await reader.ReadUntil(Bytes("\n"));
                }
                catch (LimitOverrunError e)
                {
                    Print(Type(e).Name, e, e.Consumed);
                }
                writer.Close();
                await writer.WaitClosed();
            }
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe(Python.RunScript(LongLinePython));
    }

    private const string UnixPython = """
        import asyncio, os, sys

        async def handle(reader, writer):
            line = await reader.readline()
            writer.write(b'unix ' + line)
            await writer.drain()
            writer.close()

        async def main(path):
            server = await asyncio.start_unix_server(handle, path)
            async with server:
                reader, writer = await asyncio.open_unix_connection(path)
                writer.write(b'hello\n')
                print(await reader.read())
                writer.close()
                await writer.wait_closed()
            if os.path.exists(path):
                os.remove(path)
            try:
                await asyncio.open_unix_connection(path)
            except FileNotFoundError as e:
                print(type(e).__name__, e)

        asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else '/tmp/pyasync-streams-test.sock'))
        """;

    /// <summary>test_streams.test_open_unix_connection / test_start_unix_server: the echo over a Unix socket file, and a missing file.</summary>
    [PythonFact]
    public void A_unix_socket_server_and_client_print_what_CPython_prints()
    {
        string path = Path.Combine(Path.GetTempPath(), $"pyasync-{Guid.NewGuid():N}.sock");
        var output = PyRun.Main(async () =>
        {
            async Coroutine Handle(PyStreamReader reader, PyStreamWriter writer)
            {
                var line = await reader.ReadLine();
                writer.Write([.. Bytes("unix "), .. line]);
                await writer.Drain();
                writer.Close();
            }

            var server = await StartUnixServer(Handle, path);
            await using (server)
            {
                var (reader, writer) = await OpenUnixConnection(path);
                writer.Write(Bytes("hello\n"));
                Print(await reader.Read());
                writer.Close();
                await writer.WaitClosed();
            }
            // The file is gone already: .NET removes the socket file a server bound when it closes (see StartUnixServer).
            File.Delete(path);
            try
            {
                await OpenUnixConnection(path);
            }
            catch (FileNotFoundError e)
            {
                Print(Type(e).Name, e);
            }
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe(Python.RunScript(UnixPython));
    }

    /// <summary>test_server.test_serve_forever / test_start_server_1: serve_forever until cancelled closes the server; wait_closed then returns.</summary>
    [Fact]
    public void ServeForever_cancelled_closes_the_server()
    {
        var output = PyRun.Main(async () =>
        {
            var server = await StartServer((r, w) => w.Close(), "127.0.0.1", 0);
            var serving = CreateTask(server.ServeForever());
            await Sleep(0.1);
            Print(server.IsServing());
            try
            {
                await server.ServeForever();
            }
            catch (RuntimeError e)
            {
                Print(Str(e).Contains("is already being awaited on serve_forever()", StringComparison.Ordinal));
            }
            serving.Cancel();
            try
            {
                await serving;
            }
            catch (CancelledError)
            {
                Print("cancelled");
            }
            Print(server.IsServing(), server.Sockets.Count);
            await server.WaitClosed();
            try
            {
                await server.ServeForever();
            }
            catch (RuntimeError e)
            {
                Print(Str(e).EndsWith("is closed", StringComparison.Ordinal));
            }
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe("True\nTrue\ncancelled\nFalse 0\nTrue\n");
    }

    /// <summary>test_streams.test_start_server's handler failure: the loop's handler gets "Unhandled exception in client_connected_cb", and the connection closes.</summary>
    [Fact]
    public void A_failing_handler_is_reported_and_its_connection_closed()
    {
        var output = PyRun.Main(async () =>
        {
            var contexts = new List<Dictionary<string, object?>>();
            GetRunningLoop().SetExceptionHandler((_, context) => contexts.Add(context));
            async Coroutine Fail(PyStreamReader reader, PyStreamWriter writer)
            {
                await reader.ReadLine();
                throw new ValueError("bad request");
            }

            await using var server = await StartServer(Fail, "127.0.0.1", 0);
            var (reader, writer) = await OpenConnection("127.0.0.1", PortOf(server));
            writer.Write(Bytes("hi\n"));
            Print("client reads", await reader.Read());
            Print(contexts.Count, contexts[0]["message"], Repr(contexts[0]["exception"]));
            writer.Close();
        });
        output.Stderr.ShouldBeEmpty();
        output.Stdout.ShouldBe("client reads b''\n1 Unhandled exception in client_connected_cb ValueError('bad request')\n");
    }
}

/// <summary>Streams and the warning filters, which are global: run apart from the tests that print warnings.</summary>
[Collection(nameof(WarningsHook))]
public class StreamsWarningTests
{
    private static int PortOf(Server server) => ((IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;

    /// <summary>
    /// A writer left open when the loop closes: its transport closes with CPython's ResourceWarning "unclosed
    /// transport", which the default filters hide and "always" shows.
    /// </summary>
    [Fact]
    public void An_unclosed_transport_is_closed_at_the_loops_close_with_a_ResourceWarning()
    {
        async Coroutine Leave()
        {
            var server = await StartServer((r, w) => { }, "127.0.0.1", 0);
            var (_, writer) = await OpenConnection("127.0.0.1", PortOf(server));
            writer.Write(Bytes("x"));
            server.Close();
        }

        PyRun.Main(Leave).Stderr.ShouldBeEmpty();
        try
        {
            Warnings.SimpleFilter("always", "ResourceWarning");
            var shown = PyRun.Main(Leave).Stderr;
            shown.ShouldContain("ResourceWarning: unclosed transport <_SelectorSocketTransport fd=");
        }
        finally
        {
            Warnings.ResetWarnings();
        }
    }
}
