// Fowler's "Python Concurrency with asyncio", chapter 3: an echo server on a non-blocking socket with
// loop.sock_accept, sock_recv and sock_sendall, a task per connection. The book's server runs forever on
// port 8000 and is tried with telnet; here it listens on an ephemeral port of 127.0.0.1 and two clients
// in the same program (loop.sock_connect) take turns. Changes to the book's code: the address printed is
// address[0] (the port changes from run to run); echo() prints and closes the connection at the end of
// the stream (the book leaves it open), so the client's last sock_recv reads b'' in a set order.
using System.Net;
using System.Net.Sockets;
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 6, "sock_echo_lowlevel", Title = "Fowler's echo server on sock_accept/sock_recv/sock_sendall, with sock_connect clients")]
public static class SockEchoLowlevelExample
{
    static async Coroutine Echo(Socket connection, EventLoop loop)
    {
        byte[] data;
        while ((data = await loop.SockRecv(connection, 1024)).Length > 0)
            await loop.SockSendall(connection, data);
        Print("Client closed the connection");
        connection.Close();
    }

    static async Coroutine ListenForConnection(Socket serverSocket, EventLoop loop)
    {
        while (true)
        {
            var (connection, address) = await loop.SockAccept(serverSocket);
            connection.Blocking = false;
            Print($"Got a connection from {address.Host}");
            _ = CreateTask(Echo(connection, loop));
        }
    }

    static async Coroutine Client(string name, string[] messages, int port, EventLoop loop)
    {
        var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        sock.Blocking = false;
        await loop.SockConnect(sock, ("127.0.0.1", port));
        foreach (var message in messages)
        {
            await loop.SockSendall(sock, message.Encode());
            var data = await loop.SockRecv(sock, 1024);
            Print($"{name} sent {Repr(message)}, got back {Repr(data)}");
        }
        sock.Shutdown(SocketShutdown.Send);
        var end = await loop.SockRecv(sock, 1024);
        Print($"{name} read {Repr(end)}: the server closed too");
        sock.Close();
    }

    static async Coroutine Main()
    {
        var serverSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        serverSocket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        var serverAddress = new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0);
        serverSocket.Blocking = false;
        serverSocket.Bind(serverAddress);
        serverSocket.Listen();
        var port = ((IPEndPoint)serverSocket.LocalEndPoint!).Port;

        var loop = GetEventLoop();
        var server = CreateTask(ListenForConnection(serverSocket, loop));
        await Client("first", ["hello\n", "world\n"], port, loop);
        await Client("second", ["ping\n"], port, loop);
        server.Cancel();
        serverSocket.Close();
        Print("Server closed");
    }

    public static void Entry() => Run(Main());
}
