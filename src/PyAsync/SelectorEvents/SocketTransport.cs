using System.Globalization;
using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// CPython's <c>_SelectorSocketTransport</c> (asyncio/selector_events.py): a connected stream socket driven
/// by the loop, calling its protocol on the loop's thread. Reads happen on the loop's thread when the socket is
/// readable (up to 256 KiB at a time, CPython's <c>max_size</c>); writes go to the socket at once when its
/// buffer is empty, and what the kernel does not take is buffered and sent as the socket drains, pausing the
/// protocol above the high water mark (64 KiB) and resuming it at the low one (16 KiB), as CPython's.
/// </summary>
/// <remarks>
/// <para>
/// Readiness comes from <see cref="ReadReadiness"/> (the loop's epoll selector on Linux, a zero-byte asynchronous
/// receive posted to the loop elsewhere); the read itself is a non-blocking receive on the loop's thread. A stream
/// reader's protocol lends its own buffer (<see cref="IBufferedProtocol"/>, CPython's <c>_read_ready__get_buffer</c>)
/// when it has room for the 256 KiB, so the kernel copies the bytes straight into it; otherwise they go through one
/// buffer per thread to <c>data_received</c>, so an idle connection holds no buffer. Buffered writes go out through
/// <see cref="WriteBuffer"/>: CPython's writable readiness with the selector; without it one asynchronous send at a
/// time, whose write buffer size counts the bytes of that send until it completes, where CPython's counts only what
/// the kernel has not taken yet (a <c>drain</c> may then wake a little later than CPython's, never earlier).
/// </para>
/// <para>
/// At the loop's close a transport still open is closed, after the <c>ResourceWarning</c> "unclosed transport"
/// (which, as in CPython, Python's default warning filters hide); CPython does both when the garbage collector
/// frees the transport, usually at the same point.
/// </para>
/// </remarks>
internal sealed class SocketTransport : ITransport, IInFlightIo
{
    private const int MaxSize = 256 * 1024;
    private const int LogThresholdForConnLostWrites = 5;

    // The loop thread's receive buffer, for protocols that lend none: data goes from it to the protocol, which copies it.
    [ThreadStatic] private static byte[]? t_receiveBuffer;

    private EventLoop? _loop;
    private Socket? _sock;
    private readonly nint _fd;
    private IStreamProtocol? _protocol;
    private Server? _server;
    // _add_reader/_remove_reader for the socket: a zero-byte receive, posted to the loop as an I/O event.
    private readonly ReadReadiness _reader;
    private readonly (string Host, int Port)? _sockname;
    private readonly (string Host, int Port)? _peername;
    // What write() buffered and the kernel has not taken yet.
    private readonly WriteBuffer _writeBuffer;
    private int _connLost;
    private bool _closing;
    private bool _paused;
    private bool _eof;
    private bool _readerRemoved;
    private readonly WriteFlowControl _flowControl;

    /// <summary>
    /// CPython's <c>_SelectorSocketTransport(loop, sock, protocol, waiter, extra, server)</c>: schedules
    /// <c>protocol.connection_made(transport)</c>, then reading, then the waiter's result.
    /// </summary>
    public SocketTransport(EventLoop loop, Socket sock, IStreamProtocol protocol, Future<NoneType>? waiter = null, Server? server = null)
    {
        _loop = loop;
        _sock = sock;
        _fd = sock.Handle;
        _protocol = protocol;
        _flowControl = new WriteFlowControl(() => _protocol?.PauseWriting(), () => _protocol?.ResumeWriting(), ReportProtocolError);
        _server = server;
        _sockname = Address(() => sock.LocalEndPoint);
        _peername = Address(() => sock.RemoteEndPoint);
        sock.Blocking = false;
        if (sock.ProtocolType == ProtocolType.Tcp) sock.NoDelay = true;
        _reader = new ReadReadiness(loop, sock, OnReadable, "_SelectorSocketTransport._read_ready()");
        _writeBuffer = new WriteBuffer(loop, sock, OnSent, "_SelectorSocketTransport._write_ready()");
        server?.Attach();
        loop.OutsideWork.AddIoSource(this);
        loop.CallSoon(() => _protocol?.ConnectionMade(this));
        loop.CallSoon(AddReader);
        if (waiter is not null) loop.CallSoon(() => { if (!waiter.Cancelled()) waiter.SetResult(NoneType.None); });
    }

    private static (string Host, int Port)? Address(Func<System.Net.EndPoint?> endpoint)
    {
        try
        {
            return endpoint() is { } e ? EventLoopSockets.AddressOf(e) : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>CPython's repr: <c>&lt;_SelectorSocketTransport fd=7 read=polling write=&lt;idle, bufsize=0&gt;&gt;</c>.</summary>
    public override string ToString()
    {
        var info = new List<string> { "_SelectorSocketTransport" };
        if (_sock is null) info.Add("closed");
        else if (_closing) info.Add("closing");
        info.Add("fd=" + (_sock is null ? "-1" : _fd.ToString(CultureInfo.InvariantCulture)));
        if (_loop is { } loop && !loop.IsClosed())
        {
            info.Add(IsReading() && !_readerRemoved ? "read=polling" : "read=idle");
            info.Add($"write=<{(_writeBuffer.IsSending ? "polling" : "idle")}, bufsize={GetWriteBufferSize()}>");
        }
        return "<" + string.Join(' ', info) + ">";
    }

    // ------------------------------------------------------------------------------------------ in flight

    /// <inheritdoc />
    /// <remarks>
    /// What CPython's <c>select(0)</c> would report for this transport while it reads: data, the end of the stream or
    /// an error already at the socket (<c>poll()</c>), or a readiness wait .NET completed whose event has not
    /// reached the loop yet. The read itself is the loop's non-blocking receive, whoever says the socket is ready.
    /// </remarks>
    public bool TakeInReady()
    {
        if (_connLost != 0 || _sock is null || !IsReading() || _readerRemoved) return false;
        return _reader.TakeInReady();
    }

    // ------------------------------------------------------------------------------------------ reading

    /// <summary>CPython's <c>is_reading()</c>.</summary>
    public bool IsReading() => !_closing && !_paused;

    /// <inheritdoc />
    public void PauseReading()
    {
        if (!IsReading()) return;
        _paused = true;
    }

    /// <inheritdoc />
    public void ResumeReading()
    {
        if (_closing || !_paused) return;
        _paused = false;
        AddReader();
    }

    // CPython's _add_reader(fd, _read_ready).
    private void AddReader()
    {
        if (!IsReading() || _readerRemoved || _sock is null) return;
        _reader.Add();
    }

    // CPython's _read_ready__data_received, on the loop's thread; readiness: the error the wait saw, if any.
    private void OnReadable(SocketError readiness)
    {
        if (_connLost != 0 || _sock is not { } sock || !IsReading() || _readerRemoved) return;
        // CPython's _read_ready__get_buffer for a buffered protocol (the stream reader's), when it lends its buffer. The
        // only such protocol is one that CPython drives through data_received, so its failures are reported as such.
        var buffered = _protocol as IBufferedProtocol;
        Span<byte> lent;
        try
        {
            lent = buffered is null ? default : buffered.GetBuffer(MaxSize);
        }
        catch (Exception e)
        {
            FatalError(e, "Fatal error: protocol.data_received() call failed.");
            return;
        }
        bool direct = lent.Length == MaxSize;
        var buffer = direct ? lent : (t_receiveBuffer ??= new byte[MaxSize]);
        int received = 0;
        var error = readiness;
        if (error == SocketError.Success) received = sock.Receive(buffer, SocketFlags.None, out error);
        if (error == SocketError.WouldBlock)
        {
            AddReader();
            return;
        }
        if (error != SocketError.Success)
        {
            FatalError(OSErrors.From(new SocketException((int)error)), "Fatal read error on socket transport");
            return;
        }
        if (received == 0)
        {
            OnEof();
            return;
        }
        try
        {
            if (direct) buffered!.BufferUpdated(received);
            else _protocol!.DataReceived(buffer[..received]);
        }
        catch (Exception e)
        {
            FatalError(e, "Fatal error: protocol.data_received() call failed.");
            return;
        }
        AddReader();
    }

    // CPython's _read_ready__on_eof.
    private void OnEof()
    {
        bool keepOpen;
        try
        {
            keepOpen = _protocol!.EofReceived();
        }
        catch (Exception e)
        {
            FatalError(e, "Fatal error: protocol.eof_received() call failed.");
            return;
        }
        if (keepOpen)
        {
            _readerRemoved = true;
            _reader.Remove();
        }
        else Close();
    }

    // ------------------------------------------------------------------------------------------ writing

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data)
    {
        if (_eof) throw new RuntimeError("Cannot call write() after write_eof()");
        if (data.IsEmpty) return;
        if (_connLost != 0)
        {
            if (_connLost >= LogThresholdForConnLostWrites) Logger.Warning(AsyncioLog.SocketSendFailed, "socket.send() raised exception.", "socket.send() raised exception.");
            _connLost++;
            return;
        }
        if (_writeBuffer.IsEmpty)
        {
            // Try to send at once (CPython's write when the buffer is empty).
            int sent = _sock!.Send(data, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) sent = 0;
            else if (error != SocketError.Success)
            {
                FatalError(OSErrors.From(new SocketException((int)error)), "Fatal write error on socket transport");
                return;
            }
            data = data[sent..];
            if (data.IsEmpty) return;
        }
        _writeBuffer.Write(data);
        MaybePauseProtocol();
    }

    private void OnSent(Task<int> send)
    {
        if (_connLost != 0 || _sock is null) return;
        if (!send.IsCompletedSuccessfully)
        {
            var error = send.Exception?.InnerException;
            _writeBuffer.Clear();
            FatalError(error is SocketException se ? OSErrors.From(se) : error ?? new OSError("send failed"), "Fatal write error on socket transport");
            return;
        }
        bool more = _writeBuffer.SendCompleted();
        MaybeResumeProtocol();
        if (more) return;
        if (_closing)
        {
            _connLost++;
            CallConnectionLost(null);
        }
        else if (_eof) ShutdownWrite();
    }

    /// <inheritdoc />
    public void WriteEof()
    {
        if (_closing || _eof) return;
        _eof = true;
        if (_writeBuffer.IsEmpty) ShutdownWrite();
    }

    private void ShutdownWrite()
    {
        try
        {
            _sock!.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException e)
        {
            throw OSErrors.From(e);
        }
    }

    /// <inheritdoc />
    public bool CanWriteEof() => true;

    /// <inheritdoc />
    public int GetWriteBufferSize() => _writeBuffer.Size;

    /// <inheritdoc />
    public (int Low, int High) GetWriteBufferLimits() => _flowControl.Limits;

    /// <inheritdoc />
    public void SetWriteBufferLimits(int? high = null, int? low = null) => _flowControl.SetLimits(high, low, GetWriteBufferSize());

    private void MaybePauseProtocol() => _flowControl.MaybePause(GetWriteBufferSize());

    private void MaybeResumeProtocol() => _flowControl.MaybeResume(GetWriteBufferSize());

    private void ReportProtocolError(string message, Exception e) =>
        _loop?.CallExceptionHandler(new Dictionary<string, object?>
        {
            ["message"] = message,
            ["exception"] = e,
            ["transport"] = this,
            ["protocol"] = _protocol,
        });

    // ------------------------------------------------------------------------------------------ extra info

    /// <inheritdoc />
    /// <remarks><c>peername</c> and <c>sockname</c> are Python's <c>(host, port)</c>; <c>socket</c> is the <see cref="Socket"/>.</remarks>
    public object? GetExtraInfo(string name, object? @default = null) => name switch
    {
        "peername" => _peername is { } p ? p : @default,
        "sockname" => _sockname is { } s ? s : @default,
        "socket" => (object?)_sock ?? @default,
        _ => @default,
    };

    // ------------------------------------------------------------------------------------------ closing

    /// <inheritdoc />
    public bool IsClosing() => _closing;

    /// <inheritdoc />
    public void Close()
    {
        if (_closing) return;
        _closing = true;
        if (_writeBuffer.IsEmpty)
        {
            _connLost++;
            _loop!.CallSoon(() => CallConnectionLost(null));
        }
    }

    /// <inheritdoc />
    public void Abort() => ForceClose(null);

    // CPython's _fatal_error: an OSError is the connection's end (logged in debug mode only), anything else a bug.
    private void FatalError(Exception e, string message)
    {
        if (e is not OSError)
            _loop?.CallExceptionHandler(new Dictionary<string, object?>
            {
                ["message"] = message,
                ["exception"] = e,
                ["transport"] = this,
                ["protocol"] = _protocol,
            });
        ForceClose(e);
    }

    private void ForceClose(Exception? e)
    {
        if (_connLost != 0) return;
        _writeBuffer.Clear();
        _closing = true;
        _connLost++;
        _loop!.CallSoon(() => CallConnectionLost(e));
    }

    private void CallConnectionLost(Exception? e)
    {
        try
        {
            _protocol?.ConnectionLost(e);
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        _reader.Remove();
        _writeBuffer.Clear();
        // The end of the stream goes to the peer with the close.
        if (_sock is { } sock)
        {
            CloseSocket(sock);
        }
        _sock = null;
        _protocol = null;
        _loop?.OutsideWork.RemoveIoSource(this);
        _loop = null;
        var server = _server;
        _server = null;
        server?.Detach();
    }

    /// <inheritdoc />
    public void LoopClosed()
    {
        if (_sock is null) return;
        Warnings.Warn($"unclosed transport {this}", "ResourceWarning");
        _reader.Remove();
        _writeBuffer.Clear();
        CloseSocket(_sock);
        _sock = null;
    }

    // close(fd) as CPython's: the end of the stream (FIN) for the peer, or a reset (RST) when the program set
    // SO_LINGER to 0. .NET makes the close of a socket with an operation pending (the readiness receive) abortive
    // unless its sending side was shut down first, so it is.
    private static void CloseSocket(Socket sock)
    {
        try
        {
            if (sock.LingerState is { Enabled: true, LingerTime: 0 })
            {
                sock.Close(0);
                return;
            }
            sock.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Not connected any more (reset by the peer): nothing to end.
        }
        sock.Close();
    }
}
