using System.Net.Sockets;

namespace PyAsync;

/// <summary>The parts of Python's <c>socket</c> module that asyncio programs use beside <see cref="Socket"/> itself.</summary>
internal static class PySocket
{
    /// <summary>
    /// Mirrors <c>socket.socketpair()</c>: two connected stream sockets (Unix-domain, as CPython's on Linux),
    /// blocking as Python's are until <c>Blocking = false</c> (<c>setblocking(False)</c>).
    /// </summary>
    public static (Socket, Socket) SocketPair()
    {
        string path = Path.Combine(Path.GetTempPath(), $"pyasync-pair-{Guid.NewGuid():N}.sock");
        var endPoint = new UnixDomainSocketEndPoint(path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(endPoint);
            listener.Listen(1);
            var first = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                first.Connect(endPoint);
                return (first, listener.Accept());
            }
            catch
            {
                first.Dispose();
                throw;
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
