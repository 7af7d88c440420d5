// The Python documentation's TCP echo client and TCP echo server using streams (asyncio-stream.rst,
// "TCP echo client using streams" and "TCP echo server using streams"), in one program: main starts the
// server, runs the client against it, and closes the server. Changes to the docs' code: the server
// listens on port 0 (an ephemeral port) instead of 8888 and the client takes that port as an argument;
// "Serving on" prints the host of each socket's getsockname() and "Received ... from" prints addr[0]
// (the docs print the whole (host, port) address, and the port changes from run to run); main runs the
// client inside "async with server" instead of serve_forever(), then prints "Server closed".
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 1, "tcp_echo", Title = "the docs' TCP echo client and server using streams, in one program")]
public static class TcpEchoExample
{
    static async Coroutine TcpEchoClient(string message, int port)
    {
        var (reader, writer) = await OpenConnection(
            "127.0.0.1", port);

        Print($"Send: {Repr(message)}");
        writer.Write(message.Encode());
        await writer.Drain();

        var data = await reader.Read(100);
        Print($"Received: {Repr(data.Decode())}");

        Print("Close the connection");
        writer.Close();
        await writer.WaitClosed();
    }

    static async Coroutine HandleEcho(PyStreamReader reader, PyStreamWriter writer)
    {
        var data = await reader.Read(100);
        var message = data.Decode();
        var addr = ((string Host, int Port))writer.GetExtraInfo("peername")!;

        Print($"Received {Repr(message)} from {Repr(addr.Host)}");

        Print($"Send: {Repr(message)}");
        writer.Write(data);
        await writer.Drain();

        Print("Close the connection");
        writer.Close();
        await writer.WaitClosed();
    }

    static async Coroutine Main()
    {
        var server = await StartServer(
            HandleEcho, "127.0.0.1", 0);

        var addrs = string.Join(", ", server.Sockets.Select(sock => ((System.Net.IPEndPoint)sock.LocalEndPoint!).Address.ToString()));
        Print($"Serving on {addrs}");
        var port = ((System.Net.IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;

        await using (server)
        {
            await TcpEchoClient("Hello World!", port);
        }
        Print("Server closed");
    }

    public static void Entry() => Run(Main());
}
