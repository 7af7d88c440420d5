// A stream reader with a small limit (open_connection(..., limit=8)): a longer line makes readline()
// raise ValueError (the line is dropped, the next one reads fine), and readuntil() raise
// LimitOverrunError, which leaves the data in the buffer (e.consumed bytes) for the program to take. The
// peer is a start_server handler in the same program, on an ephemeral port of 127.0.0.1; it waits for a
// line from the client before each step, so each chunk arrives whole.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 8, "line_too_long", Title = "a line longer than the reader's limit: ValueError, LimitOverrunError")]
public static class LineTooLongExample
{
    static async Coroutine Talk(PyStreamReader reader, PyStreamWriter writer)
    {
        writer.Write(Bytes(new string('x', 20) + "\nok\n"));
        await reader.ReadLine();  // the client asks for more
        writer.Write(Bytes(new string('y', 20)));
        await reader.ReadLine();  // the client is done
        writer.Close();
        await writer.WaitClosed();
    }

    static async Coroutine Main()
    {
        var server = await StartServer(Talk, "127.0.0.1", 0);
        var port = ((System.Net.IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
        await using (server)
        {
            var (reader, writer) = await OpenConnection("127.0.0.1", port, limit: 8);
            try
            {
                await reader.ReadLine();
            }
            catch (ValueError e)
            {
                Print($"{Type(e).Name}: {Str(e)}");
            }
            Print("next line:", await reader.ReadLine());

            writer.Write(Bytes("more\n"));
            try
            {
                await reader.ReadUntil(Bytes("\n"));
            }
            catch (LimitOverrunError e)
            {
                Print($"{Type(e).Name}: {Str(e)}");
                Print("consumed:", e.Consumed);
                Print("still there:", await reader.ReadExactly(e.Consumed));
            }

            writer.Write(Bytes("bye\n"));
            Print("then:", await reader.Read());
            writer.Close();
            await writer.WaitClosed();
        }
    }

    public static void Entry() => Run(Main());
}
