using System.Diagnostics;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.StreamWriter</c> (asyncio/streams.py): writes to a connection's transport, which never
/// blocks (what the socket does not take at once is buffered), and <see cref="Drain"/>, which waits while the
/// buffer is above its high water mark (64 KiB, down to 16 KiB), as CPython's flow control. Named
/// <c>PyStreamWriter</c> because .NET's implicit usings bring in <see cref="System.IO.StreamWriter"/>.
/// </summary>
/// <remarks>
/// <para>
/// Single-threaded, like every asyncio object: use it on its loop's thread. Made by <c>OpenConnection</c> and
/// for each connection of <c>StartServer</c>.
/// </para>
/// <para>
/// A writer left open when its loop closes is closed then, with CPython's <c>ResourceWarning</c>
/// "unclosed transport" (hidden by the default warning filters, as in CPython, whose garbage collector does
/// the same).
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.streams.StreamWriter")]
public sealed class PyStreamWriter
{
    private readonly IWriteTransport _transport;
    private readonly IStreamWriterProtocol _protocol;
    private readonly PyStreamReader? _reader;
    private readonly EventLoop _loop;

    internal PyStreamWriter(IWriteTransport transport, IStreamWriterProtocol protocol, PyStreamReader? reader, EventLoop loop)
    {
        _transport = transport;
        _protocol = protocol;
        _reader = reader;
        _loop = loop;
    }

    /// <summary>CPython's repr: <c>&lt;StreamWriter transport=&lt;_SelectorSocketTransport fd=7 ...&gt; reader=&lt;StreamReader ...&gt;&gt;</c>.</summary>
    public override string ToString() =>
        _reader is null ? $"<StreamWriter transport={_transport}>" : $"<StreamWriter transport={_transport} reader={_reader}>";

    /// <summary>The transport (CPython's <c>writer.transport</c>). For tests.</summary>
    internal IWriteTransport Transport => _transport;

    /// <summary>Mirrors <c>writer.write(data)</c>: sends at once what the socket takes and buffers the rest; follow it with <see cref="Drain"/>.</summary>
    /// <exception cref="TypeError"><paramref name="data"/> is null ("data argument must be a bytes-like object, not 'NoneType'").</exception>
    /// <exception cref="RuntimeError">After <see cref="WriteEof"/> ("Cannot call write() after write_eof()").</exception>
    public void Write(byte[] data)
    {
        if (data is null) throw new TypeError("data argument must be a bytes-like object, not 'NoneType'");
        _transport.Write(data);
    }

    /// <summary>Mirrors <c>writer.writelines(data)</c>: writes each of <paramref name="data"/>, joined.</summary>
    /// <exception cref="TypeError"><paramref name="data"/> or one of its items is null.</exception>
    /// <exception cref="RuntimeError">After <see cref="WriteEof"/>.</exception>
    public void WriteLines(IEnumerable<byte[]> data)
    {
        if (data is null) throw new TypeError("'NoneType' object is not iterable");
        var joined = new List<byte>();
        foreach (var item in data)
        {
            if (item is null) throw new TypeError("data argument must be a bytes-like object, not 'NoneType'");
            joined.AddRange(item);
        }
        _transport.Write(joined.ToArray());
    }

    /// <summary>Mirrors <c>writer.write_eof()</c>: the peer's reads see the end of the stream once the buffer is flushed; reading goes on.</summary>
    /// <exception cref="OSError">The socket's shutdown failed.</exception>
    public void WriteEof() => _transport.WriteEof();

    /// <summary>Mirrors <c>writer.can_write_eof()</c>: true for a socket.</summary>
    public bool CanWriteEof() => _transport.CanWriteEof();

    /// <summary>Mirrors <c>writer.close()</c>: flushes the buffer, then closes the connection; await <see cref="WaitClosed"/> for the end.</summary>
    public void Close() => _transport.Close();

    /// <summary>Mirrors <c>writer.is_closing()</c>.</summary>
    public bool IsClosing() => _transport.IsClosing();

    /// <summary>Mirrors <c>await writer.wait_closed()</c>: until the connection is closed.</summary>
    /// <exception cref="OSError">The connection ended with an error (<see cref="ConnectionResetError"/>, ...).</exception>
    public async Coroutine WaitClosed() => await _protocol.GetCloseWaiter(this);

    /// <summary>
    /// Mirrors <c>writer.get_extra_info(name, default=None)</c>: <c>"peername"</c> and <c>"sockname"</c> are Python's
    /// <c>(host, port)</c>, a boxed <c>(string Host, int Port)</c> that <c>Print</c> shows as <c>('127.0.0.1', 8888)</c>;
    /// <c>"socket"</c> is the <see cref="System.Net.Sockets.Socket"/>; anything else is <paramref name="default"/>.
    /// </summary>
    public object? GetExtraInfo(string name, object? @default = null) => _transport.GetExtraInfo(name, @default);

    /// <summary>
    /// Mirrors <c>await writer.drain()</c>: returns at once unless the write buffer is above its high water mark,
    /// then waits until it is down to the low one. Raises the reader's exception if it has one, and
    /// <see cref="ConnectionResetError"/> ("Connection lost") once the connection is lost.
    /// </summary>
    /// <exception cref="ConnectionResetError">The connection is lost.</exception>
    /// <exception cref="OSError">The connection ended with an error.</exception>
    public async Coroutine Drain()
    {
        if (_reader?.Exception() is { } exception) throw exception;
        if (_transport.IsClosing())
        {
            // Yield to the loop so that connection_lost() may be called, as CPython's drain does.
            await SleepCoroutine.Create(0);
        }
        await _protocol.DrainHelper();
    }
}
