using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// A write transport's buffer (CPython's <c>_buffer</c> and <c>_write_ready</c>): what the kernel did not take at once
/// is appended here and sent as the socket drains; after each send the transport is called back (on the loop's
/// thread) to resume its protocol and, once the buffer is empty, to finish a close or a <c>write_eof</c>. The socket
/// and pipe transports use it.
/// </summary>
/// <remarks>
/// With the loop's selector (Linux) it is CPython's: the socket is registered for writing while data waits, and each
/// time it is writable a non-blocking send takes what the kernel accepts. Without one (.NET has no "writable"
/// readiness), everything buffered goes out through one asynchronous send at a time, whose completion reaches the
/// loop as an I/O event; writes made meanwhile wait for the next send, and <see cref="Size"/> counts the send under way
/// until it completes.
/// </remarks>
internal sealed class WriteBuffer
{
    private static readonly Task<int> s_sent = Task.FromResult(0);

    private readonly EventLoop _loop;
    private readonly Socket _sock;
    private readonly Action<Task<int>> _onSent;
    private readonly string _describe;
    private readonly EpollSelector? _selector;
    private readonly int _fd;
    private readonly object? _writableArg;
    // The bytes waiting: _buffer[_start.._start + _length].
    private byte[] _buffer = [];
    private int _start;
    private int _length;
    // Selector: registered for writing. Otherwise: the send under way, the array it sends and how much of it.
    private bool _registered;
    private byte[]? _sending;
    private int _sendingLength;

    /// <param name="loop">The loop the transport runs on.</param>
    /// <param name="sock">The socket written to (non-blocking).</param>
    /// <param name="onSent">Called on the loop's thread after a send, with its outcome; the transport then calls <see cref="SendCompleted"/> or <see cref="Clear"/>.</param>
    /// <param name="describe">How CPython's reprs name the callback (<c>_SelectorSocketTransport._write_ready()</c>).</param>
    public WriteBuffer(EventLoop loop, Socket sock, Action<Task<int>> onSent, string describe)
    {
        _loop = loop;
        _sock = sock;
        _onSent = onSent;
        _describe = describe;
        _selector = loop.Selector;
        if (_selector is not null)
        {
            _fd = (int)sock.Handle;
            _writableArg = this;
        }
    }

    /// <summary>The bytes buffered and not yet sent (without a selector, counting the send under way until it completes).</summary>
    public int Size => _length + _sendingLength;

    /// <summary>Whether nothing is buffered or being sent.</summary>
    public bool IsEmpty => _length == 0 && _sending is null;

    /// <summary>Whether the buffer waits for the socket (CPython's repr: <c>write=&lt;polling, ...&gt;</c>).</summary>
    public bool IsSending => _registered || _sending is not null;

    /// <summary>Adds <paramref name="data"/> and sees that it is sent as the socket drains.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        Append(data);
        if (_selector is not null)
        {
            if (!_registered)
            {
                _selector.SetWriter(_fd, Writable.Instance, _writableArg);
                _registered = true;
            }
            return;
        }
        if (_sending is null) SendBuffered();
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_buffer.Length - _start - _length < data.Length)
        {
            if (_buffer.Length - _length >= data.Length && _start > 0)
            {
                _buffer.AsSpan(_start, _length).CopyTo(_buffer);
            }
            else
            {
                var grown = new byte[Math.Max(_length + data.Length, Math.Max(4096, _buffer.Length * 2))];
                _buffer.AsSpan(_start, _length).CopyTo(grown);
                _buffer = grown;
            }
            _start = 0;
        }
        data.CopyTo(_buffer.AsSpan(_start + _length));
        _length += data.Length;
    }

    /// <summary>
    /// A send succeeded: returns whether data still waits (it goes on being sent). Without a selector the sent array
    /// is reused when nothing was buffered meanwhile; with one, an empty buffer leaves the selector.
    /// </summary>
    public bool SendCompleted()
    {
        if (_selector is not null)
        {
            if (_length > 0) return true;
            Unregister();
            return false;
        }
        if (_length == 0) _buffer = _sending!;
        _sending = null;
        _sendingLength = 0;
        if (_length == 0) return false;
        SendBuffered();
        return true;
    }

    /// <summary>Drops what is buffered (the connection is lost or closes); a send under way ends as it will.</summary>
    public void Clear()
    {
        _sending = null;
        _sendingLength = 0;
        _start = 0;
        _length = 0;
        Unregister();
    }

    private void Unregister()
    {
        if (!_registered) return;
        _registered = false;
        _selector!.ClearWriter(_fd);
    }

    // Selector: CPython's _write_ready. The socket is writable: send what the kernel takes now.
    private void OnWritable()
    {
        if (!_registered) return;
        if (_length == 0)
        {
            Unregister();
            return;
        }
        int sent = _sock.Send(_buffer, _start, _length, SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock) return;
        if (error != SocketError.Success)
        {
            // The transport clears the buffer (and so leaves the selector) in its fatal-error path.
            _onSent(Task.FromException<int>(new SocketException((int)error)));
            return;
        }
        _start += sent;
        _length -= sent;
        if (_length == 0) _start = 0;
        _onSent(s_sent);
    }

    // No selector: everything buffered goes out through one asynchronous send, its completion posted to the loop.
    private void SendBuffered()
    {
        _sending = _buffer;
        int offset = _start;
        _sendingLength = _length;
        _buffer = [];
        _start = 0;
        _length = 0;
        Task<int> send;
        try
        {
            send = _sock.SendAsync(_sending.AsMemory(offset, _sendingLength), SocketFlags.None).AsTask();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            send = Task.FromException<int>(e);
        }
        if (send.IsCompleted) _loop.PostEvent(SendEnded.Instance, (this, send));
        else send.ContinueWith(static (t, state) =>
        {
            var buffer = (WriteBuffer)state!;
            buffer._loop.PostEvent(SendEnded.Instance, (buffer, t));
        }, this, TaskScheduler.Default);
    }

    private sealed class SendEnded : IReadyCallback
    {
        public static readonly SendEnded Instance = new();

        public void Run(object? arg)
        {
            var (buffer, send) = ((WriteBuffer, Task<int>))arg!;
            buffer._onSent(send);
        }

        public string Describe(object? arg) => ((ValueTuple<WriteBuffer, Task<int>>)arg!).Item1._describe;
    }

    private sealed class Writable : IReadyCallback
    {
        public static readonly Writable Instance = new();

        public void Run(object? arg) => ((WriteBuffer)arg!).OnWritable();

        public string Describe(object? arg) => ((WriteBuffer)arg!)._describe;
    }
}
