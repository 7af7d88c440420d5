using System.Net;
using System.Net.Sockets;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// The loop's low-level socket coroutines on real loopback sockets (test_sock_lowlevel.py, BaseSockTestsMixin),
/// as Fowler's chapter 3 uses them: non-blocking sockets, 127.0.0.1, ephemeral ports.
/// </summary>
public class SockLowLevelTests
{
    private static Socket Listener()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(8);
        return listener;
    }

    // A client connected to listener with sock_connect, and the connection sock_accept took for it.
    private static async Coroutine<(Socket Client, Socket Conn)> Connected(EventLoop loop, Socket listener)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        var accepting = CreateTask(loop.SockAccept(listener));
        await loop.SockConnect(client, listener.LocalEndPoint!);
        var (conn, _) = await accepting;
        return (client, conn);
    }

    /// <summary>test_sock_client_ops and test_sock_accept: connect, accept, sendall, recv, and b'' at the end of the stream.</summary>
    [Fact]
    public void An_echo_over_loopback_with_sock_connect_accept_sendall_and_recv()
    {
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            using var listener = Listener();
            int port = ((IPEndPoint)listener.LocalEndPoint!).Port;

            async Coroutine Server()
            {
                var (conn, address) = await loop.SockAccept(listener);
                using (conn)
                {
                    Print("server: peer is 127.0.0.1:", address.Host == "127.0.0.1" && address.Port > 0);
                    var data = await loop.SockRecv(conn, 100);
                    Print("server got", System.Text.Encoding.ASCII.GetString(data));
                    await loop.SockSendall(conn, System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(data).ToUpperInvariant()));
                    conn.Shutdown(SocketShutdown.Send);
                }
            }

            async Coroutine Client()
            {
                using var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                await loop.SockConnect(sock, ("127.0.0.1", port));
                await loop.SockSendall(sock, "hello"u8.ToArray());
                var reply = new List<byte>();
                while (true)
                {
                    var chunk = await loop.SockRecv(sock, 3);
                    if (chunk.Length == 0) break;
                    reply.AddRange(chunk);
                }
                Print("client got", System.Text.Encoding.ASCII.GetString([.. reply]));
            }

            await Gather(Server(), Client());
        });
        output.Stdout.ShouldBe("server: peer is 127.0.0.1: True\nserver got hello\nclient got HELLO\n");
    }

    /// <summary>test_sock_recv_cancel: a cancelled sock_recv reads nothing; the data is there for the next one.</summary>
    [Fact]
    public void A_cancelled_recv_loses_no_data()
    {
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var (a, b) = SocketPair();
            using (a)
            using (b)
            {
                a.Blocking = false;
                b.Blocking = false;
                var reading = CreateTask(loop.SockRecv(a, 10));
                await Sleep(0);
                reading.Cancel();
                try
                {
                    await reading;
                }
                catch (CancelledError)
                {
                    Print("cancelled");
                }
                await loop.SockSendall(b, "data"u8.ToArray());
                Print(System.Text.Encoding.ASCII.GetString(await loop.SockRecv(a, 10)));
            }
        });
        output.Stdout.ShouldBe("cancelled\ndata\n");
    }

    /// <summary>test_sock_sendall large: 4 MiB through a socket pair, more than the kernel takes at once, while the peer reads.</summary>
    [Fact]
    public void Sendall_sends_more_than_the_kernel_buffers_while_the_peer_reads()
    {
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var (a, b) = SocketPair();
            using (a)
            using (b)
            {
                a.Blocking = false;
                b.Blocking = false;
                var data = new byte[4 * 1024 * 1024];
                new System.Random(1).NextBytes(data);
                async Coroutine<byte[]> ReadAll()
                {
                    var received = new MemoryStream();
                    var buffer = new byte[65536];
                    while (received.Length < data.Length)
                    {
                        int n = await loop.SockRecvInto(b, buffer);
                        if (n == 0) break;
                        received.Write(buffer, 0, n);
                    }
                    return received.ToArray();
                }
                var reader = CreateTask(ReadAll());
                await loop.SockSendall(a, data);
                return (await reader).AsSpan().SequenceEqual(data);
            }
        });
        result.ShouldBeTrue();
    }

    /// <summary>
    /// test_sock_connect_refused (CPython 3.11 on this machine: <c>ConnectionRefusedError: [Errno 111] Connect call failed
    /// ('127.0.0.1', PORT)</c> for a port nobody listens on).
    /// </summary>
    [Fact]
    public void Connecting_to_a_closed_port_raises_CPythons_ConnectionRefusedError()
    {
        int port;
        using (var probe = Listener()) port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        var (error, _) = PyRun.Main(async () =>
        {
            using var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            try
            {
                await GetRunningLoop().SockConnect(sock, ("127.0.0.1", port));
                return (Exception?)null;
            }
            catch (OSError e)
            {
                return e;
            }
        });
        var refused = error.ShouldBeOfType<ConnectionRefusedError>();
        refused.Errno.ShouldBe(111);
        Str(refused).ShouldBe($"[Errno 111] Connect call failed ('127.0.0.1', {port})");
    }

    /// <summary>test_sock_recv reset: a peer that resets the connection gives ConnectionResetError(104) at sock_recv.</summary>
    [Fact]
    public void A_reset_from_the_peer_raises_ConnectionResetError_at_recv()
    {
        var (error, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            using var listener = Listener();
            var (client, conn) = await Connected(loop, listener);
            using var _ = client;
            conn.LingerState = new LingerOption(true, 0);
            conn.Close();
            try
            {
                await loop.SockRecv(client, 10);
                return (Exception?)null;
            }
            catch (OSError e)
            {
                return e;
            }
        });
        error.ShouldBeOfType<ConnectionResetError>().Errno.ShouldBe(104);
    }

    /// <summary>
    /// The same reset arriving while sock_recv already waits: still ConnectionResetError (the readiness wait takes the
    /// socket's error, which Linux reports once, so it must not be read as the end of the stream).
    /// </summary>
    [Fact]
    public void A_reset_while_recv_waits_raises_ConnectionResetError()
    {
        var (error, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            using var listener = Listener();
            var (client, conn) = await Connected(loop, listener);
            using var _ = client;
            var receiving = CreateTask(loop.SockRecv(client, 10));
            await Sleep(0);
            conn.LingerState = new LingerOption(true, 0);
            conn.Close();
            try
            {
                Print(await receiving);
                return (Exception?)null;
            }
            catch (OSError e)
            {
                return e;
            }
        });
        error.ShouldBeOfType<ConnectionResetError>().Errno.ShouldBe(104);
    }

    /// <summary>_check_ssl_socket / the debug check and sock_recv's own: CPython's ValueErrors.</summary>
    [Fact]
    public void Bad_arguments_raise_CPythons_ValueErrors()
    {
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var (a, b) = SocketPair();
            using (a)
            using (b)
            {
                a.Blocking = false;
                (await Should.ThrowAsync<ValueError>(async () => await loop.SockRecv(a, -1))).Message.ShouldBe("negative buffersize in recv");
                loop.SetDebug(true);
                (await Should.ThrowAsync<ValueError>(async () => await loop.SockRecv(b, 1))).Message.ShouldBe("the socket must be non-blocking");
                loop.SetDebug(false);
            }
        });
    }
}
