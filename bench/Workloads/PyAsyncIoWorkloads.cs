// The PyAsync column of W9 and W10: bench/python/workloads.py's echo() and bulk(), ported line for line
// with PyAsync's streams.
using System.Net;
using static PyAsync.Asyncio;

namespace PyAsync.Bench.Workloads;

public static partial class PyAsyncWorkloads
{
    private static long Streams(Workload workload, int n) => workload.Id switch
    {
        "W9" => Asyncio.Run(Echo(n)),
        "W10" => Asyncio.Run(Bulk(n)),
        _ => throw new ArgumentOutOfRangeException(nameof(workload)),
    };

    // W9 echo: one server (StartServer) on 127.0.0.1 and EchoClients(n) concurrent clients (OpenConnection),
    // each sending n / clients 16-byte lines one at a time and reading each echo before sending the next.
    // The check value is the bytes echoed back to the clients.
    private static readonly byte[] EchoMessage = Workload.EchoMessage.ToArray(); // b"0123456789abcde\n"

    private static async Coroutine EchoHandler(PyStreamReader reader, PyStreamWriter writer)
    {
        while (true)
        {
            var line = await reader.ReadLine();
            if (line.Length == 0)
                break;
            writer.Write(line);
            await writer.Drain();
        }
        writer.Close();
        await writer.WaitClosed();
    }

    private static async Coroutine<long> EchoClient(int port, int count)
    {
        var (reader, writer) = await OpenConnection("127.0.0.1", port);
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            writer.Write(EchoMessage);
            await writer.Drain();
            total += (await reader.ReadLine()).Length;
        }
        writer.Close();
        await writer.WaitClosed();
        return total;
    }

    public static async Coroutine<long> Echo(int n)
    {
        int clients = Workload.EchoClients(n);
        var server = await StartServer(EchoHandler, "127.0.0.1", 0);
        int port = ((IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
        var echoing = new Coroutine<long>[clients];
        for (int i = 0; i < clients; i++) echoing[i] = EchoClient(port, n / clients);
        long total = (await Gather(echoing)).Sum();
        server.Close();
        await server.WaitClosed();
        return total;
    }

    // W10 bulk: one connection sends n bytes in 64 KiB writes, draining after each; the server reads
    // until EOF and counts. The check value is the server's count.
    public static async Coroutine<long> Bulk(int n)
    {
        var loop = GetRunningLoop();
        var received = loop.CreateFuture<long>();

        async Coroutine Count(PyStreamReader reader, PyStreamWriter writer)
        {
            long total = 0;
            while (true)
            {
                var data = await reader.Read(Workload.BulkChunk);
                if (data.Length == 0)
                    break;
                total += data.Length;
            }
            writer.Close();
            await writer.WaitClosed();
            received.SetResult(total);
        }

        var server = await StartServer(Count, "127.0.0.1", 0);
        int port = ((IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
        var (_, writer) = await OpenConnection("127.0.0.1", port);
        var chunk = new byte[Workload.BulkChunk]; // bytes(BULK_CHUNK)
        long sent = 0;
        while (sent < n)
        {
            var piece = n - sent >= Workload.BulkChunk ? chunk : chunk[..(int)(n - sent)];
            writer.Write(piece);
            await writer.Drain();
            sent += piece.Length;
        }
        writer.Close();
        await writer.WaitClosed();
        long total = await received;
        server.Close();
        await server.WaitClosed();
        return total;
    }
}
