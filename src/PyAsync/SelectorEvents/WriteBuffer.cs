using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// A write transport's buffer (CPython's <c>_buffer</c> and <c>_write_ready</c>) on .NET, where a socket has no
/// "writable" readiness: what the kernel did not take at once is appended here, and everything buffered goes out
/// through one asynchronous send at a time, whose completion reaches the loop as an I/O event and calls the
/// transport back. Writes made meanwhile wait for the next send. The socket and pipe transports use it.
/// </summary>
internal sealed class WriteBuffer
{
    private readonly EventLoop _loop;
    private readonly Socket _sock;
    private readonly Action<Task<int>> _onSent;
    private readonly string _describe;
    private byte[] _buffer = [];
    private int _length;
    // The send under way: the array it sends and how much of it.
    private byte[]? _sending;
    private int _sendingLength;

    /// <param name="loop">The loop the completions are posted to.</param>
    /// <param name="sock">The socket written to.</param>
    /// <param name="onSent">Called on the loop's thread when a send ended (after <see cref="SendCompleted"/> or <see cref="Clear"/>).</param>
    /// <param name="describe">How CPython's reprs name the callback (<c>_SelectorSocketTransport._write_ready()</c>).</param>
    public WriteBuffer(EventLoop loop, Socket sock, Action<Task<int>> onSent, string describe)
    {
        _loop = loop;
        _sock = sock;
        _onSent = onSent;
        _describe = describe;
    }

    /// <summary>The bytes buffered and not yet sent, counting the send under way until it completes (see <see cref="SocketTransport"/>).</summary>
    public int Size => _length + _sendingLength;

    /// <summary>Whether nothing is buffered or being sent.</summary>
    public bool IsEmpty => _length == 0 && _sending is null;

    /// <summary>Whether a send is under way.</summary>
    public bool IsSending => _sending is not null;

    /// <summary>Adds <paramref name="data"/> and, unless a send is under way, sends everything buffered.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        if (_buffer.Length - _length < data.Length)
        {
            var grown = new byte[Math.Max(_length + data.Length, Math.Max(4096, _buffer.Length * 2))];
            _buffer.AsSpan(0, _length).CopyTo(grown);
            _buffer = grown;
        }
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
        if (_sending is null) SendBuffered();
    }

    /// <summary>A send completed successfully: its array is reused when nothing was buffered meanwhile; returns whether more is buffered (then sent).</summary>
    public bool SendCompleted()
    {
        if (_length == 0) _buffer = _sending!;
        _sending = null;
        _sendingLength = 0;
        if (_length == 0) return false;
        SendBuffered();
        return true;
    }

    /// <summary>Drops what is buffered (the connection is lost); a send under way ends as it will.</summary>
    public void Clear()
    {
        _sending = null;
        _sendingLength = 0;
        _length = 0;
    }

    private void SendBuffered()
    {
        _sending = _buffer;
        _sendingLength = _length;
        _buffer = [];
        _length = 0;
        Task<int> send;
        try
        {
            send = _sock.SendAsync(_sending.AsMemory(0, _sendingLength), SocketFlags.None).AsTask();
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
}
