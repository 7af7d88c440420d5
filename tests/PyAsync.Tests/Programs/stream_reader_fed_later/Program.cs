using System.Text;
using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.StreamReaderFedLater;

public static class Program
{
    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var t0 = loop.Time();
        var reader = new PyStreamReader(limit: 16);
        Print(Repr(reader));

        // What a peer sends, chunk by chunk, as a transport would feed it.
        loop.CallLater(0.1, reader.FeedData, "hello wor"u8.ToArray());
        loop.CallLater(0.2, reader.FeedData, "ld\nsecond line\nHEAD"u8.ToArray());
        loop.CallLater(0.3, reader.FeedData, "ER--body"u8.ToArray());
        loop.CallLater(0.4, reader.FeedData, "-this line is far too long for the limit\nxyz"u8.ToArray());
        loop.CallLater(0.5, reader.FeedEof);

        var line = await reader.ReadLine();
        Print(Math.Round(loop.Time() - t0, 1), Decode(line).TrimEnd());
        Print(Repr(reader));
        line = await reader.ReadLine();
        Print(Math.Round(loop.Time() - t0, 1), Decode(line).TrimEnd());
        var header = await reader.ReadUntil("--"u8.ToArray());
        Print(Math.Round(loop.Time() - t0, 1), Decode(header));
        var body = await reader.ReadExactly(4);
        Print(Math.Round(loop.Time() - t0, 1), Decode(body), reader.AtEof());

        try
        {
            await reader.ReadLine();
        }
        catch (ValueError e)
        {
            Print(Math.Round(loop.Time() - t0, 1), Repr(e));
        }
        Print(Repr(reader));

        var waiting = CreateTask(reader.ReadExactly(5));
        await Sleep(0);
        try
        {
            await reader.Read();
        }
        catch (RuntimeError e)
        {
            Print("RuntimeError:", e);
        }

        try
        {
            await waiting;
        }
        catch (IncompleteReadError e)
        {
            Print(Math.Round(loop.Time() - t0, 1), Repr(e));
            Print(Decode(e.Partial), e.Expected, e is EOFError);
        }
        Print(reader.AtEof(), Repr(reader));
        Print((await reader.Read()).Length, (await reader.ReadLine()).Length);
    }

    // bytes.decode() (UTF-8).
    static string Decode(byte[] data) => Encoding.UTF8.GetString(data);

    public static void Entry() => Run(Main());
}
