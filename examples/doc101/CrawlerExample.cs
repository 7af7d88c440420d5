// A crawler that fetches at most two pages at a time (an asyncio.Semaphore) with open_connection, from a
// small HTTP server started in the same program (start_server on an ephemeral port, never printed). Each
// page takes the server a while to make (a sleep on the clock), so the fetches start and finish in a
// fixed order; the results are printed in the order of PATHS, one of them a 404.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 5, "crawler", Title = "a crawler limited to two connections by a Semaphore, against a local HTTP server")]
public static class CrawlerExample
{
    static readonly Dictionary<string, (double Delay, string Body)> Pages = new()
    {
        ["/"] = (0.5, "<h1>Home</h1>"),
        ["/about"] = (0.2, "<p>About us</p>"),
        ["/blog"] = (0.8, "<ul><li>Post 1</li></ul>"),
        ["/blog/1"] = (0.3, "<article>First post</article>"),
        ["/contact"] = (0.1, "<p>Write to us</p>"),
    };
    static readonly string[] Paths = ["/", "/about", "/blog", "/blog/1", "/contact", "/missing"];
    static double start = 0.0;  // when main started, on the loop's clock

    static async Coroutine HandleRequest(PyStreamReader reader, PyStreamWriter writer)
    {
        var request = (await reader.ReadLine()).Decode();
        while (await reader.ReadLine() is not ([(byte)'\r', (byte)'\n'] or []))
        {
            // skip the headers
        }
        var parts = request.Split();
        var (method, path, version) = (parts[0], parts[1], parts[2]);
        var (delay, body) = Pages.GetValueOrDefault(path, (0.4, "Not Found"));
        await Sleep(delay);
        var status = Pages.ContainsKey(path) ? "200 OK" : "404 Not Found";
        writer.Write(($"HTTP/1.0 {status}\r\n" +
                      $"Content-Type: text/html\r\n" +
                      $"Content-Length: {body.Length}\r\n" +
                      $"\r\n" +
                      $"{body}").Encode());
        await writer.Drain();
        writer.Close();
        await writer.WaitClosed();
    }

    static async Coroutine<(int, string, byte[])> Fetch(string path, int port, PySemaphore sem)
    {
        using (await sem.Acquire())
        {
            Print($"{Format(Time.Monotonic() - start, ".1f")} GET  {path}");
            var (reader, writer) = await OpenConnection("127.0.0.1", port);
            writer.Write($"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".Encode());
            await writer.Drain();
            var statusLine = (await reader.ReadLine()).Decode().TrimEnd();
            var headers = new Dictionary<string, string>();
            byte[] line;
            while ((line = await reader.ReadLine()) is not [(byte)'\r', (byte)'\n'])
            {
                var nameValue = line.Decode().TrimEnd().Split(": ", 2);
                headers[nameValue[0]] = nameValue[1];
            }
            var body = await reader.Read();
            writer.Close();
            await writer.WaitClosed();
            var status = int.Parse(statusLine.Split()[1]);
            Print($"{Format(Time.Monotonic() - start, ".1f")} DONE {path} {status}");
            return (status, headers["Content-Type"], body);
        }
    }

    static async Coroutine Main()
    {
        start = Time.Monotonic();
        var server = await StartServer(HandleRequest, "127.0.0.1", 0);
        var port = ((System.Net.IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
        var sem = Semaphore(2);
        List<(int, string, byte[])> results;
        await using (server)
        {
            results = await Gather(Paths.Select(path => Fetch(path, port, sem)));
        }
        foreach (var (path, (status, contentType, body)) in Paths.Zip(results))
            Print($"{Format(path, "10")} {status} {contentType} {Format(body.Length, "2")} bytes {Repr(body[..Math.Min(body.Length, 20)])}");
        Print($"fetched {results.Count} pages in {Format(Time.Monotonic() - start, ".1f")} s");
    }

    public static void Entry() => Run(Main());
}
