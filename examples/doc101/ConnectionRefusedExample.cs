// Connecting to a port nobody listens on: one bound to 127.0.0.1:0 and closed again, so the kernel
// refuses at once. CPython raises ConnectionRefusedError (a ConnectionError, an OSError) with errno 111
// (ECONNREFUSED on Linux), and so does PyAsync. The message names the address with its port
// ("[Errno 111] Connect call failed ('127.0.0.1', 40215)"), which changes from run to run, so the program
// prints only the type and the errno. It uses loop.sock_connect, not open_connection: the port has the
// low-level call only for now.
using System.Net;
using System.Net.Sockets;
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 9, "connection_refused", Title = "sock_connect to a closed port: ConnectionRefusedError, errno 111")]
public static class ConnectionRefusedExample
{
    static async Coroutine Main()
    {
        // A port nobody listens on: bind one, note it, close it.
        var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 0));
        var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        probe.Close();

        var loop = GetRunningLoop();
        var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        sock.Blocking = false;
        try
        {
            await loop.SockConnect(sock, ("127.0.0.1", port));
        }
        catch (ConnectionError e)
        {
            Print(Type(e).Name, e.Errno);
            Print("refused:", e is ConnectionRefusedError);
        }
        finally
        {
            sock.Close();
        }
    }

    public static void Entry() => Run(Main());
}
