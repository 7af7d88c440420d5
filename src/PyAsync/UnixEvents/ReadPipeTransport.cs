using System.Globalization;
using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// CPython's <c>_UnixReadPipeTransport</c> (asyncio/unix_events.py) on the loop's end of a child's stdout or stderr
/// (see <see cref="PosixSpawn"/>): reads up to 256 KiB whenever the pipe is readable and hands it to its protocol; at
/// the end of the stream calls <c>eof_received</c>, then <c>connection_lost(None)</c>, each in its own callback.
/// </summary>
internal sealed class ReadPipeTransport : IReadTransport, IInFlightIo
{
    private const int MaxSize = 256 * 1024;

    [ThreadStatic] private static byte[]? t_buffer;

    private EventLoop? _loop;
    private Socket? _pipe;
    private readonly nint _fileno;
    private SubprocessPipeProtocol? _protocol;
    private readonly ReadReadiness _reader;
    private bool _closing;
    private bool _paused;

    /// <summary>CPython's constructor: schedules <c>connection_made</c>, then reading.</summary>
    public ReadPipeTransport(EventLoop loop, Socket pipe, SubprocessPipeProtocol protocol, Future<NoneType>? waiter = null)
    {
        _loop = loop;
        _pipe = pipe;
        _fileno = pipe.Handle;
        _protocol = protocol;
        _reader = new ReadReadiness(loop, pipe, ReadReady, "_UnixReadPipeTransport._read_ready()");
        loop.OutsideWork.AddIoSource(this);
        loop.CallSoon(() => _protocol?.ConnectionMade(this));
        // Only start reading when connection_made() has been called.
        loop.CallSoon(AddReader);
        // Only wake up the waiter when connection_made() has been called.
        if (waiter is not null) loop.CallSoon(() => { if (!waiter.Cancelled()) waiter.SetResult(NoneType.None); });
    }

    /// <summary>CPython's repr: <c>&lt;_UnixReadPipeTransport fd=7 polling&gt;</c>.</summary>
    public override string ToString()
    {
        var info = new List<string> { "_UnixReadPipeTransport" };
        if (_pipe is null) info.Add("closed");
        else if (_closing) info.Add("closing");
        info.Add("fd=" + _fileno.ToString(CultureInfo.InvariantCulture));
        if (_pipe is not null) info.Add(_reader.IsAdded ? "polling" : "idle");
        else info.Add("closed");
        return "<" + string.Join(' ', info) + ">";
    }

    private void AddReader()
    {
        if (IsReading()) _reader.Add();
    }

    /// <summary>CPython's <c>is_reading()</c>.</summary>
    public bool IsReading() => !_paused && !_closing;

    private void ReadReady(SocketError readiness)
    {
        if (_pipe is not { } pipe || _closing) return;
        int received = 0;
        var error = readiness;
        var buffer = t_buffer ??= new byte[MaxSize];
        if (error == SocketError.Success) received = pipe.Receive(buffer, 0, buffer.Length, SocketFlags.None, out error);
        if (error == SocketError.WouldBlock)
        {
            AddReader();
            return;
        }
        if (error != SocketError.Success)
        {
            FatalError(OSErrors.From(new SocketException((int)error)), "Fatal read error on pipe transport");
            return;
        }
        if (received > 0)
        {
            _protocol!.DataReceived(buffer.AsSpan(0, received));
            AddReader();
            return;
        }
        _closing = true;
        _reader.Remove();
        var protocol = _protocol!;
        _loop!.CallSoon(protocol.EofReceived);
        _loop.CallSoon(() => CallConnectionLost(null));
    }

    /// <inheritdoc />
    public void PauseReading()
    {
        if (!IsReading()) return;
        _paused = true;
        _reader.Remove();
    }

    /// <inheritdoc />
    public void ResumeReading()
    {
        if (_closing || !_paused) return;
        _paused = false;
        _reader.Add();
    }

    /// <summary>CPython's <c>is_closing()</c>.</summary>
    public bool IsClosing() => _closing;

    /// <summary>CPython's <c>close()</c>: stops reading; <c>connection_lost(None)</c> follows in its own callback.</summary>
    public void Close()
    {
        if (!_closing) CloseWith(null);
    }

    /// <inheritdoc />
    public bool TakeInReady() => _pipe is not null && !_closing && _reader.TakeInReady();

    /// <inheritdoc />
    public void LoopClosed()
    {
        if (_pipe is null) return;
        Warnings.Warn($"unclosed transport {this}", "ResourceWarning");
        _reader.Remove();
        _pipe.Close();
        _pipe = null;
    }

    // CPython's _fatal_error: EIO (the child's terminal went away) is only logged in debug mode.
    private void FatalError(Exception e, string message)
    {
        if (!(e is OSError { Errno: 5 }))
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
        _closing = true;
        _reader.Remove();
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
            _pipe?.Close();
            _pipe = null;
            _protocol = null;
            _loop?.OutsideWork.RemoveIoSource(this);
            _loop = null;
        }
    }
}
