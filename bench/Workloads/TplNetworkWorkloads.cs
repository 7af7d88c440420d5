using System.Net;
using System.Net.Sockets;

namespace PyAsync.Bench.Workloads;

/// <summary>
/// W9 and W10 hand-written in .NET, as a .NET developer writes a TCP echo server and a bulk sender without
/// PyAsync: <see cref="Socket"/>s wrapped in <see cref="NetworkStream"/>s, <c>async Task</c> methods on
/// the thread pool (<see cref="TplMode.ThreadPool"/>, the column the issue asks for), one task per
/// connection. Both ends set <see cref="Socket.NoDelay"/>, as asyncio and uvloop do on every TCP
/// transport. W9's messages are fixed-size (16 bytes), so the server reads exactly 16 bytes where the
/// Python reads a line: the same bytes on the wire, without a line reader of its own.
/// </summary>
public static class TplNetworkWorkloads
{
    /// <summary>A listening socket on 127.0.0.1, on a port the system picks.</summary>
    private static Socket Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(100); // asyncio.start_server's default backlog
        return listener;
    }

    private static async Task<NetworkStream> Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>
    /// Accepts connections until the listener is closed, each handled by <paramref name="handle"/> in a
    /// task of its own; then waits for the handlers still running.
    /// </summary>
    private static async Task Serve(Socket listener, Func<NetworkStream, Task> handle)
    {
        var handlers = new List<Task>();
        while (true)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                break; // the listener was closed: the server is shutting down
            }
            connection.NoDelay = true;
            handlers.Add(handle(new NetworkStream(connection, ownsSocket: true)));
        }
        await Task.WhenAll(handlers);
    }

    // W9 echo: the server echoes each 16-byte message until the client closes its connection.
    private static async Task EchoHandler(NetworkStream stream)
    {
        await using (stream)
        {
            var message = new byte[Workload.EchoMessage.Length];
            while (await stream.ReadAtLeastAsync(message, message.Length, throwOnEndOfStream: false) == message.Length)
                await stream.WriteAsync(message);
        }
    }

    private static async Task<long> EchoClient(int port, int count)
    {
        await using var stream = await Connect(port);
        var message = Workload.EchoMessage.ToArray();
        var echo = new byte[message.Length];
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            await stream.WriteAsync(message);
            await stream.ReadExactlyAsync(echo);
            total += echo.Length;
        }
        return total;
    }

    /// <summary>W9: the bytes echoed back to all the clients.</summary>
    public static async Task<long> Echo(int n)
    {
        int clients = Workload.EchoClients(n);
        using var listener = Listen();
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var server = Serve(listener, EchoHandler);
        var clientTasks = new Task<long>[clients];
        for (int i = 0; i < clients; i++) clientTasks[i] = EchoClient(port, n / clients);
        long total = 0;
        foreach (long echoed in await Task.WhenAll(clientTasks)) total += echoed;
        listener.Close();
        await server;
        return total;
    }

    /// <summary>W10: the client sends <paramref name="n"/> bytes in 64 KiB writes; returns what the server counted to EOF.</summary>
    public static async Task<long> Bulk(int n)
    {
        using var listener = Listen();
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var received = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Count(NetworkStream stream)
        {
            await using (stream)
            {
                var buffer = new byte[Workload.BulkChunk];
                long total = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0) total += read;
                received.SetResult(total);
            }
        }
        var server = Serve(listener, Count);
        await using (var stream = await Connect(port))
        {
            var chunk = new byte[Workload.BulkChunk];
            long sent = 0;
            while (sent < n)
            {
                int size = (int)Math.Min(chunk.Length, n - sent);
                await stream.WriteAsync(chunk.AsMemory(0, size));
                sent += size;
            }
        }
        long count = await received.Task;
        listener.Close();
        await server;
        return count;
    }

    /// <summary>The one-thread bound's column (<see cref="Harness.Column.OneThreadBound"/>): W10 only.</summary>
    public static Measurement RunBound(Workload workload, int n)
    {
        if (workload != Workload.Bulk) throw new ArgumentOutOfRangeException(nameof(workload), "the one-thread bound is W10's only");
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long value = BulkOneThread(n);
        double seconds = watch.Elapsed.TotalSeconds;
        return new Measurement(seconds, value, workload.Expected(n), null, AllocatedBytes: GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    /// <summary>
    /// W10 on one thread, as tightly as it can be written: both ends non-blocking, the client sending 64 KiB pieces
    /// until the kernel takes no more, then the server receiving (256 KiB at a time, asyncio's <c>max_size</c>, into one
    /// reused buffer) until there is nothing left, in turn, with no await, no allocation and no copy of its own. Any
    /// event loop that carries both ends on its one thread does at least this work; returns what the server counted.
    /// </summary>
    public static long BulkOneThread(int n)
    {
        using var listener = Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        using var server = listener.Accept();
        server.NoDelay = true;
        client.Blocking = false;
        server.Blocking = false;
        var chunk = new byte[Workload.BulkChunk];
        var buffer = new byte[256 * 1024];
        long sent = 0, received = 0;
        bool shut = false;
        while (true)
        {
            bool moved = false;
            while (sent < n)
            {
                int size = (int)Math.Min(chunk.Length, n - sent);
                int taken = client.Send(chunk, 0, size, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock) break;
                if (error != SocketError.Success) throw new SocketException((int)error);
                sent += taken;
                moved = true;
            }
            if (sent == n && !shut)
            {
                client.Shutdown(SocketShutdown.Send);
                shut = true;
            }
            while (true)
            {
                int got = server.Receive(buffer, 0, buffer.Length, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock) break;
                if (error != SocketError.Success) throw new SocketException((int)error);
                if (got == 0) return received;
                received += got;
                moved = true;
            }
            // Nothing either way (bytes still in the kernel's hands): wait for them rather than spin.
            if (!moved) server.Poll(1000, SelectMode.SelectRead);
        }
    }
}
