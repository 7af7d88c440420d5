using System.Globalization;
using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// CPython's <c>_UnixWritePipeTransport</c> with its <c>_FlowControlMixin</c> (asyncio/unix_events.py,
/// transports.py) on the loop's end of a child's stdin (see <see cref="PosixSpawn"/>): a write goes to the pipe at
/// once when nothing is buffered; the rest is buffered and sent as the pipe drains, pausing the protocol above the
/// high water mark (64 KiB) and resuming it at the low one (16 KiB). The pipe is watched for reading too: it becomes
/// readable when the child closes its end, which closes the transport (with <see cref="BrokenPipeError"/> if data
/// was still buffered).
/// </summary>
/// <remarks>
/// Buffered data goes out through one asynchronous send at a time, as in <see cref="SocketTransport"/>. A pipe's
/// writer only ever sees EPIPE when its reader is gone; the socket of a pair may say ECONNRESET instead (the child
/// left data unread), which is reported as the pipe's <see cref="BrokenPipeError"/>.
/// </remarks>
internal sealed class WritePipeTransport : IWriteTransport, IInFlightIo
{
    private const int LogThresholdForConnLostWrites = 5;

    private EventLoop? _loop;
    private Socket? _pipe;
    private readonly nint _fileno;
    private SubprocessPipeProtocol? _protocol;
    private readonly ReadReadiness _reader;
    private readonly WriteBuffer _writeBuffer;
    private int _connLost;
    private bool _closing;
    // CPython's _close: connection_lost is scheduled; nothing more is written.
    private bool _lostScheduled;
    private readonly WriteFlowControl _flowControl;

    /// <summary>CPython's constructor: schedules <c>connection_made</c>, then the watch for the reader's close.</summary>
    public WritePipeTransport(EventLoop loop, Socket pipe, SubprocessPipeProtocol protocol, Future<NoneType>? waiter = null)
    {
        _loop = loop;
        _pipe = pipe;
        _fileno = pipe.Handle;
        _protocol = protocol;
        _flowControl = new WriteFlowControl(() => _protocol?.PauseWriting(), () => _protocol?.ResumeWriting(), ReportProtocolError);
        _reader = new ReadReadiness(loop, pipe, ReadReady, "_UnixWritePipeTransport._read_ready()");
        _writeBuffer = new WriteBuffer(loop, pipe, OnSent, "_UnixWritePipeTransport._write_ready()");
        loop.OutsideWork.AddIoSource(this);
        loop.CallSoon(() => _protocol?.ConnectionMade(this));
        loop.CallSoon(() =>
        {
            if (_pipe is not null && !_closing) _reader.Add();
        });
        if (waiter is not null) loop.CallSoon(() => { if (!waiter.Cancelled()) waiter.SetResult(NoneType.None); });
    }

    /// <summary>CPython's repr: <c>&lt;_UnixWritePipeTransport fd=7 idle bufsize=0&gt;</c>.</summary>
    public override string ToString()
    {
        var info = new List<string> { "_UnixWritePipeTransport" };
        if (_pipe is null) info.Add("closed");
        else if (_closing) info.Add("closing");
        info.Add("fd=" + _fileno.ToString(CultureInfo.InvariantCulture));
        if (_pipe is not null)
        {
            info.Add(_writeBuffer.IsSending ? "polling" : "idle");
            info.Add("bufsize=" + GetWriteBufferSize().ToString(CultureInfo.InvariantCulture));
        }
        else info.Add("closed");
        return "<" + string.Join(' ', info) + ">";
    }

    /// <inheritdoc />
    public int GetWriteBufferSize() => _writeBuffer.Size;

    // The pipe was closed by the peer (or, on a socket pair, the child wrote to its stdin: that is read and dropped).
    private void ReadReady(SocketError readiness)
    {
        if (_pipe is not { } pipe || _closing && _writeBuffer.IsEmpty) return;
        if (readiness == SocketError.Success)
        {
            int received = pipe.Receive(new byte[4096], 0, 4096, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock || error == SocketError.Success && received > 0)
            {
                _reader.Add();
                return;
            }
        }
        // CPython's _read_ready raises BrokenPipeError() without arguments.
        if (GetWriteBufferSize() > 0) CloseWith(new BrokenPipeError());
        else CloseWith(null);
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        if (_connLost != 0 || _closing)
        {
            if (_connLost >= LogThresholdForConnLostWrites)
                Logger.Warning(AsyncioLog.PipeWriteFailed, "pipe closed by peer or os.write(pipe, data) raised exception.",
                    "pipe closed by peer or os.write(pipe, data) raised exception.");
            _connLost++;
            return;
        }
        if (_writeBuffer.IsEmpty)
        {
            // Attempt to send it right away first.
            int sent = _pipe!.Send(data, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) sent = 0;
            else if (error != SocketError.Success)
            {
                _connLost++;
                FatalError(PipeError(new SocketException((int)error)), "Fatal write error on pipe transport");
                return;
            }
            data = data[sent..];
            if (data.IsEmpty) return;
        }
        _writeBuffer.Write(data);
        MaybePauseProtocol();
    }

    private static Exception PipeError(SocketException e) =>
        e.SocketErrorCode == SocketError.ConnectionReset ? new BrokenPipeError(new PyTuple([OSErrors.EPIPE, OSErrors.Strerror(OSErrors.EPIPE)]), e) : OSErrors.From(e);

    private void OnSent(Task<int> send)
    {
        if (_pipe is null || !_writeBuffer.IsSending || _lostScheduled) return;
        if (!send.IsCompletedSuccessfully)
        {
            var error = send.Exception?.InnerException;
            _writeBuffer.Clear();
            _connLost++;
            // The reader went away while data waited: CPython's selector reports the pipe readable before writable,
            // so its _read_ready closes the transport first, with BrokenPipeError().
            var lost = error is SocketException { SocketErrorCode: SocketError.Shutdown or SocketError.ConnectionReset } ? new BrokenPipeError()
                : error is SocketException se ? PipeError(se) : error ?? new OSError("write failed");
            FatalError(lost, "Fatal write error on pipe transport");
            return;
        }
        bool more = _writeBuffer.SendCompleted();
        MaybeResumeProtocol(); // may append to the buffer
        if (more || !_writeBuffer.IsEmpty) return;
        if (_closing)
        {
            _reader.Remove();
            CallConnectionLost(null);
        }
    }

    /// <inheritdoc />
    public bool CanWriteEof() => true;

    /// <inheritdoc />
    /// <remarks>As CPython's: the pipe closes once the buffer is written (a pipe has no half-close).</remarks>
    public void WriteEof()
    {
        if (_closing) return;
        _closing = true;
        if (GetWriteBufferSize() == 0)
        {
            _lostScheduled = true;
            _reader.Remove();
            _loop!.CallSoon(() => CallConnectionLost(null));
        }
    }

    /// <inheritdoc />
    public bool IsClosing() => _closing;

    /// <inheritdoc />
    public void Close()
    {
        // write_eof is all what we needed to close the write pipe.
        if (_pipe is not null && !_closing) WriteEof();
    }

    /// <inheritdoc />
    public void Abort() => CloseWith(null);

    /// <inheritdoc />
    /// <remarks><c>pipe</c> is the loop's end (a <see cref="Socket"/>).</remarks>
    public object? GetExtraInfo(string name, object? @default = null) => name == "pipe" ? (object?)_pipe ?? @default : @default;

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

    /// <inheritdoc />
    public bool TakeInReady() => _pipe is not null && _reader.TakeInReady();

    /// <inheritdoc />
    public void LoopClosed()
    {
        if (_pipe is null) return;
        Warnings.Warn($"unclosed transport {this}", "ResourceWarning");
        _reader.Remove();
        _writeBuffer.Clear();
        _pipe.Close();
        _pipe = null;
    }

    // CPython's _fatal_error: an OSError is only logged in debug mode; anything else goes to the exception handler.
    private void FatalError(Exception e, string message)
    {
        if (e is not OSError)
            _loop!.CallExceptionHandler(new Dictionary<string, object?>
            {
                ["message"] = message,
                ["exception"] = e,
                ["transport"] = this,
                ["protocol"] = _protocol,
            });
        CloseWith(e);
    }

    private void CloseWith(Exception? e)
    {
        if (_pipe is null || _loop is null || _lostScheduled) return;
        _lostScheduled = true;
        _closing = true;
        _writeBuffer.Clear();
        _reader.Remove();
        _loop.CallSoon(() => CallConnectionLost(e));
    }

    private void CallConnectionLost(Exception? e)
    {
        if (_pipe is null) return;
        try
        {
            _protocol?.ConnectionLost(e);
        }
        finally
        {
            _writeBuffer.Clear();
            CloseSocket(_pipe);
            _pipe = null;
            _protocol = null;
            _loop?.OutsideWork.RemoveIoSource(this);
            _loop = null;
        }
    }

    // The end of the stream for the child: its read returns 0 (the send side is shut down first, see SocketTransport).
    private static void CloseSocket(Socket pipe)
    {
        try
        {
            pipe.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The child's end is gone already.
        }
        pipe.Close();
    }
}
