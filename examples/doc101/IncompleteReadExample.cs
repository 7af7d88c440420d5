// readexactly(10) on a connection whose peer sends 5 bytes and closes: IncompleteReadError, an EOFError
// carrying the bytes that did come (partial) and how many were asked for (expected). The peer is a
// start_server handler in the same program, on an ephemeral port of 127.0.0.1.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 7, "incomplete_read", Title = "readexactly(10) after 5 bytes and EOF: IncompleteReadError")]
public static class IncompleteReadExample
{
    static async Coroutine SendFiveBytes(PyStreamReader reader, PyStreamWriter writer)
    {
        writer.Write(Bytes("hello"));
        await writer.Drain();
        writer.Close();
        await writer.WaitClosed();
    }

    static async Coroutine Main()
    {
        var server = await StartServer(SendFiveBytes, "127.0.0.1", 0);
        var port = ((System.Net.IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
        await using (server)
        {
            var (reader, writer) = await OpenConnection("127.0.0.1", port);
            try
            {
                var data = await reader.ReadExactly(10);
            }
            catch (IncompleteReadError e)
            {
                Print($"{Type(e).Name}: {Str(e)}");
                Print("partial:", e.Partial);
                Print("expected:", e.Expected);
                Print("at_eof:", reader.AtEof());
            }
            writer.Close();
            await writer.WaitClosed();
        }
    }

    public static void Entry() => Run(Main());
}
