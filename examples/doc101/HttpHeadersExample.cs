// The Python documentation's "Get HTTP headers" example (asyncio-stream.rst): a HEAD request over
// open_connection, then every header line of the answer. The docs take the URL from sys.argv and ask a
// real web server; here main starts a small HTTP server of its own on 127.0.0.1 (start_server, port 0),
// which prints the request lines it gets and answers with fixed headers (a fixed Date, so the output
// never changes), and asks it for http://127.0.0.1:PORT/index.html. Changes to the docs' code, in both
// languages: the port comes from the URL (url.port) instead of being 80, and the https branch
// (open_connection(..., 443, ssl=True)) is left out: the program only talks to its own plain-HTTP server,
// and PyAsync's surface names no ssl option. In C#, urlsplit is new Uri(...) in a variable of its own (a
// string parameter cannot become a Uri), url.path or '/' is url.AbsolutePath (never empty for an http
// URL), and the line read is data as bytes, line as text.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 2, "http_headers", Title = "the docs' \"Get HTTP headers\" against a small local HTTP server")]
public static class HttpHeadersExample
{
    static async Coroutine PrintHttpHeaders(string address)
    {
        var url = new Uri(address);
        var (reader, writer) = await OpenConnection(
            url.Host, url.Port);

        var query =
            $"HEAD {url.AbsolutePath} HTTP/1.0\r\n" +
            $"Host: {url.Host}\r\n" +
            $"\r\n";

        writer.Write(query.Encode("latin-1"));
        while (true)
        {
            var data = await reader.ReadLine();
            if (data.Length == 0)
                break;

            var line = data.Decode("latin1").TrimEnd();
            if (line != "")
                Print($"HTTP header> {line}");
        }

        // Ignore the body, close the socket
        writer.Close();
        await writer.WaitClosed();
    }

    // A small HTTP server to ask: it prints the request it gets and answers with fixed headers.
    static async Coroutine HandleRequest(PyStreamReader reader, PyStreamWriter writer)
    {
        byte[] data;
        while ((data = await reader.ReadLine()).Length > 0)
        {
            var line = data.Decode("latin-1").TrimEnd();
            if (line == "")
                break;
            Print($"server got> {line}");
        }
        writer.Write(Bytes("HTTP/1.0 200 OK\r\n" +
                           "Server: tiny/0.1\r\n" +
                           "Date: Wed, 01 Jan 2025 12:00:00 GMT\r\n" +
                           "Content-Type: text/html; charset=utf-8\r\n" +
                           "Content-Length: 13\r\n" +
                           "\r\n"));
        await writer.Drain();
        writer.Close();
        await writer.WaitClosed();
    }

    static async Coroutine Main()
    {
        var server = await StartServer(HandleRequest, "127.0.0.1", 0);
        var port = ((System.Net.IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
        await using (server)
        {
            await PrintHttpHeaders($"http://127.0.0.1:{port}/index.html");
        }
    }

    public static void Entry() => Run(Main());
}
