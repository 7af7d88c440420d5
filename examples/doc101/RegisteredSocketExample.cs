// The Python documentation's "Register an open socket to wait for data using streams"
// (asyncio-stream.rst): open_connection(sock=rsock) on one end of a socket.socketpair(), the other end
// sends b'abc' from a loop.call_soon callback. The docs' code as it is.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 3, "registered_socket", Title = "the docs' open_connection(sock=...) on a socketpair")]
public static class RegisteredSocketExample
{
    static async Coroutine WaitForData()
    {
        // Get a reference to the current event loop because
        // we want to access low-level APIs.
        var loop = GetRunningLoop();

        // Create a pair of connected sockets.
        var (rsock, wsock) = SocketPair();

        // Register the open socket to wait for data.
        var (reader, writer) = await OpenConnection(sock: rsock);

        // Simulate the reception of data from the network
        loop.CallSoon(bytes => wsock.Send(bytes), "abc".Encode());

        // Wait for data
        var data = await reader.Read(100);

        // Got data, we are done: close the socket
        Print("Received:", data.Decode());
        writer.Close();
        await writer.WaitClosed();

        // Close the second socket
        wsock.Close();
    }

    public static void Entry() => Run(WaitForData());
}
