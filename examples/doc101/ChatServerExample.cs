// A chat server on start_server: every line a client sends goes to all the other clients, and the
// others hear when someone joins or leaves (write_eof() from the client, the end of the stream for the
// server). Three clients follow a script on the clock, a sleep standing for the time a person takes to
// type, so everything happens in a fixed order; each client keeps what it hears and prints it at the
// end (two clients that hear the same line at the same instant would otherwise print in the order
// their sockets became readable). The server listens on an ephemeral port, never printed.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 4, "chat_server", Title = "a chat server with three scripted clients: join, broadcast, leave")]
public static class ChatServerExample
{
    static readonly Dictionary<string, PyStreamWriter> clients = new();  // name -> StreamWriter
    static double start = 0.0;  // when main started, on the loop's clock

    static void Log(string text)
    {
        Print($"{Format(Time.Monotonic() - start, "4.1f")}s {text}");
    }

    static async Coroutine Broadcast(string sender, string text)
    {
        foreach (var (name, writer) in clients.ToList())
        {
            if (name != sender)
            {
                writer.Write($"{text}\n".Encode());
                await writer.Drain();
            }
        }
    }

    static async Coroutine HandleClient(PyStreamReader reader, PyStreamWriter writer)
    {
        var name = (await reader.ReadLine()).Decode().Trim();
        clients[name] = writer;
        Log($"server: {name} joined");
        await Broadcast(name, $"* {name} joined");
        byte[] line;
        while ((line = await reader.ReadLine()).Length > 0)
        {
            var message = line.Decode().Trim();
            Log($"server: {name} says {Repr(message)}");
            await Broadcast(name, $"{name}: {message}");
        }
        clients.Remove(name);
        Log($"server: {name} left");
        await Broadcast(name, $"* {name} left");
        writer.Close();
        await writer.WaitClosed();
    }

    static async Coroutine<List<string>> Client(string name, int port, double join, (double At, string Message)[] says, double leave)
    {
        await Sleep(join);
        var (reader, writer) = await OpenConnection("127.0.0.1", port);
        writer.Write($"{name}\n".Encode());
        var heard = new List<string>();

        async Coroutine Listen()
        {
            byte[] line;
            while ((line = await reader.ReadLine()).Length > 0)
                heard.Add(line.Decode().TrimEnd());
        }

        var listener = CreateTask(Listen());
        foreach (var (at, message) in says)
        {
            await Sleep(start + at - Time.Monotonic());
            Log($"{name}> {message}");
            writer.Write($"{message}\n".Encode());
            await writer.Drain();
        }
        await Sleep(start + leave - Time.Monotonic());
        Log($"{name} leaves");
        writer.WriteEof();
        await listener;  // the server closes its side once it has seen ours
        writer.Close();
        await writer.WaitClosed();
        return heard;
    }

    static async Coroutine Main()
    {
        start = Time.Monotonic();
        var server = await StartServer(HandleClient, "127.0.0.1", 0);
        var port = ((System.Net.IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
        List<List<string>> heard;
        await using (server)
        {
            heard = await Gather<List<string>>(
                Client("alice", port, join: 0, says: [(3, "hi all")], leave: 6),
                Client("bob", port, join: 1, says: [(4, "hello alice")], leave: 7),
                Client("carol", port, join: 2, says: [(5, "hey"), (5.5, "bye")], leave: 8));
        }
        foreach (var (name, lines) in new[] { "alice", "bob", "carol" }.Zip(heard))
        {
            Print($"{name} heard:");
            foreach (var line in lines)
                Print($"  {line}");
        }
    }

    public static void Entry() => Run(Main());
}
