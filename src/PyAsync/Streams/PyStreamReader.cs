using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.StreamReader</c> (CPython 3.12's <c>asyncio/streams.py</c>): a buffer of bytes
/// that a transport feeds (<see cref="FeedData(byte[])"/>, <see cref="FeedEof"/>, <see cref="SetException"/>) and
/// one coroutine at a time reads (<see cref="Read"/>, <see cref="ReadLine"/>, <see cref="ReadExactly"/>,
/// <see cref="ReadUntil(byte[])"/>). Named <c>PyStreamReader</c> because .NET's implicit usings bring in
/// <see cref="System.IO.StreamReader"/>.
/// </summary>
/// <remarks>
/// <para>
/// As in CPython, the <c>limit</c> bounds the line (or chunk before a separator) that
/// <see cref="ReadLine"/> and <see cref="ReadUntil(byte[])"/> return, and doubles as half the buffer
/// size at which the transport is paused (<c>_maybe_resume_transport</c>): the transport's reading
/// is paused when the buffer exceeds <c>2 * limit</c> bytes and resumed when it falls to
/// <c>limit</c> bytes or fewer, or when a read has to wait for data.
/// </para>
/// <para>
/// Single-threaded, like every asyncio object: feed and read it on its loop's thread (a transport
/// posts what it receives to the loop). Unlike CPython, which does not check, <see cref="FeedData(byte[])"/>,
/// <see cref="FeedEof"/> and <see cref="SetException"/> called on another thread while the reader's
/// loop runs raise <see cref="RuntimeError"/> (the message of CPython's debug-mode
/// <c>_check_thread</c>): a race there would silently corrupt the buffer and complete the waiter
/// future off the loop, and the check is one comparison. Before the loop runs (or after), feeding from
/// any thread is allowed, as tests and CPython's own tests do.
/// </para>
/// <para>
/// The reader binds to a loop as CPython's does at construction (the <c>loop</c> argument, else the
/// running loop or the one set for this thread); a reader created with neither binds to the running
/// loop the first time a read waits, where CPython would raise <c>RuntimeError</c> at construction.
/// The coroutines' qualified names are the C# method names (<c>ReadLine</c>), not CPython's
/// <c>StreamReader.readline</c>.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.streams.StreamReader")]
public sealed class PyStreamReader
{
    /// <summary>CPython's <c>_DEFAULT_LIMIT</c>, <c>2 ** 16</c> (64 KiB).</summary>
    public const int DefaultLimit = 65536;

    private static readonly byte[] s_newline = [(byte)'\n'];

    private readonly int _limit;
    private EventLoop? _loop;
    // CPython's bytearray: the live bytes are _buffer[_start.._start + _length].
    private byte[] _buffer = [];
    private int _start;
    private int _length;
    // Whether feed_eof() was called.
    private bool _eof;
    // The future _wait_for_data() waits on.
    private Future<object?>? _waiter;
    private Exception? _exception;
    private IReadTransport? _transport;
    private bool _paused;

    /// <summary>Mirrors <c>asyncio.StreamReader(limit=_DEFAULT_LIMIT, loop=None)</c>.</summary>
    /// <param name="limit">The longest line (or chunk before a separator) a read returns, and half the
    /// buffer size at which the transport is paused.</param>
    /// <param name="loop">The loop whose futures the reader waits on; by default the running loop, else the
    /// one set for this thread, else the loop running when a read first waits.</param>
    /// <exception cref="ValueError"><paramref name="limit"/> is 0 or less (<c>Limit cannot be &lt;= 0</c>).</exception>
    public PyStreamReader(int limit = DefaultLimit, EventLoop? loop = null)
    {
        // The line length limit is a security feature; it also doubles as half the buffer limit.
        if (limit <= 0) throw new ValueError("Limit cannot be <= 0");
        _limit = limit;
        _loop = loop ?? EventLoop.CurrentOrNull;
    }

    /// <summary>CPython's <c>_limit</c>. For tests.</summary>
    internal int Limit => _limit;

    /// <summary>CPython's <c>_buffer</c>, copied: the bytes fed and not yet read. For tests.</summary>
    internal byte[] Buffer => _buffer.AsSpan(_start, _length).ToArray();

    /// <summary>CPython's <c>_waiter</c>: the future a read waits on, or null. For tests.</summary>
    internal Future<object?>? Waiter => _waiter;

    /// <summary>CPython's <c>_paused</c>: whether the reader paused its transport. For tests.</summary>
    internal bool Paused => _paused;

    /// <summary>
    /// CPython's repr: <c>&lt;StreamReader 3 bytes eof limit=10 waiter=&lt;Future pending&gt;
    /// exception=ValueError() transport=... paused&gt;</c>, each part only when it applies
    /// (<c>limit=</c> when it is not the default).
    /// </summary>
    public override string ToString()
    {
        var info = new StringBuilder("<StreamReader");
        if (_length > 0) info.Append(' ').Append(_length.ToString(CultureInfo.InvariantCulture)).Append(" bytes");
        if (_eof) info.Append(" eof");
        if (_limit != DefaultLimit) info.Append(" limit=").Append(_limit.ToString(CultureInfo.InvariantCulture));
        if (_waiter is not null) info.Append(" waiter=").Append(_waiter.ToString());
        if (_exception is not null) info.Append(" exception=").Append(PyRepr.ExceptionRepr(_exception));
        if (_transport is not null) info.Append(" transport=").Append(_transport.ToString());
        if (_paused) info.Append(" paused");
        return info.Append('>').ToString();
    }

    /// <summary>Mirrors <c>reader.exception()</c>: the exception set with <see cref="SetException"/>, or null.</summary>
    public Exception? Exception() => _exception;

    /// <summary>
    /// Mirrors <c>reader.set_exception(exc)</c>: every later read raises <paramref name="exception"/>, and
    /// a read waiting for data raises it at once (unless its wait was cancelled).
    /// </summary>
    /// <exception cref="RuntimeError">Called on another thread while the reader's loop runs.</exception>
    public void SetException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        CheckThread();
        _exception = exception;
        var waiter = _waiter;
        if (waiter is not null)
        {
            _waiter = null;
            if (!waiter.Cancelled()) waiter.SetException(exception);
        }
    }

    /// <summary>CPython's <c>_wakeup_waiter</c>: wake the read waiting for data or EOF.</summary>
    private void WakeupWaiter()
    {
        var waiter = _waiter;
        if (waiter is not null)
        {
            _waiter = null;
            if (!waiter.Cancelled()) waiter.SetResult(null);
        }
    }

    /// <summary>CPython's <c>set_transport(transport)</c>: the transport whose reading the reader pauses and resumes.</summary>
    /// <exception cref="InvalidOperationException">A transport is already set (CPython's assertion <c>Transport already set</c>).</exception>
    internal void SetTransport(IReadTransport transport)
    {
        if (_transport is not null) throw new InvalidOperationException("Transport already set");
        _transport = transport;
    }

    /// <summary>CPython's <c>_maybe_resume_transport</c>: resume a paused transport once the buffer is down to the limit.</summary>
    private void MaybeResumeTransport()
    {
        if (_paused && _length <= _limit)
        {
            _paused = false;
            _transport!.ResumeReading();
        }
    }

    /// <summary>Mirrors <c>reader.feed_eof()</c>: the stream has ended; wakes a read waiting for data.</summary>
    /// <exception cref="RuntimeError">Called on another thread while the reader's loop runs.</exception>
    public void FeedEof()
    {
        CheckThread();
        _eof = true;
        WakeupWaiter();
    }

    /// <summary>Mirrors <c>reader.at_eof()</c>: true if the buffer is empty and <see cref="FeedEof"/> was called.</summary>
    public bool AtEof() => _eof && _length == 0;

    /// <summary>
    /// Mirrors <c>reader.feed_data(data)</c>: appends <paramref name="data"/> to the buffer (empty data is
    /// ignored) and wakes a read waiting for data; pauses the transport if the buffer exceeds twice the limit.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called after <see cref="FeedEof"/> (CPython's assertion
    /// <c>feed_data after feed_eof</c>).</exception>
    /// <exception cref="RuntimeError">Called on another thread while the reader's loop runs.</exception>
    public void FeedData(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        FeedData(data.AsSpan());
    }

    /// <summary><c>feed_data(data)</c> for a span (a transport's receive buffer, copied); see <see cref="FeedData(byte[])"/>.</summary>
    internal void FeedData(ReadOnlySpan<byte> data)
    {
        CheckThread();
        if (_eof) throw new InvalidOperationException("feed_data after feed_eof");
        if (data.IsEmpty) return;

        Append(data);
        Fed();
    }

    /// <summary>
    /// Room for the transport to receive <paramref name="sizeHint"/> bytes straight into the buffer (what
    /// <c>feed_data</c> would append, without the copy): the free space after the live bytes, moved to the front first
    /// if that makes room. Empty, to decline, when the buffer is smaller (the transport then feeds through
    /// <see cref="FeedData(ReadOnlySpan{byte})"/>, which grows it as a bytearray grows) or after <see cref="FeedEof"/>.
    /// </summary>
    internal Span<byte> GetReceiveBuffer(int sizeHint)
    {
        CheckThread();
        if (_eof || _buffer.Length - _length < sizeHint) return default;
        if (_buffer.Length - _start - _length < sizeHint)
        {
            _buffer.AsSpan(_start, _length).CopyTo(_buffer);
            _start = 0;
        }
        return _buffer.AsSpan(_start + _length, sizeHint);
    }

    /// <summary><c>feed_data</c> of the <paramref name="nbytes"/> bytes received into <see cref="GetReceiveBuffer"/>'s span.</summary>
    internal void BufferUpdated(int nbytes)
    {
        CheckThread();
        _length += nbytes;
        Fed();
    }

    // The rest of feed_data, once the bytes are in the buffer.
    private void Fed()
    {
        WakeupWaiter();

        if (_transport is not null && !_paused && _length > 2L * _limit)
        {
            try
            {
                _transport.PauseReading();
            }
            catch (NotImplementedException)
            {
                // The transport can't be paused. We'll just have to buffer all data.
                // Forget the transport so we don't keep trying.
                _transport = null;
                return;
            }
            _paused = true;
        }
    }

    /// <summary>
    /// CPython's <c>_wait_for_data(func_name)</c>: wait until <see cref="FeedData(byte[])"/>,
    /// <see cref="FeedEof"/> or <see cref="SetException"/> is called; resumes a paused transport first.
    /// </summary>
    private async Coroutine WaitForData(string funcName)
    {
        // The reader links feed_data() to a read through one future. Two reads waiting at the same time
        // could not know which of them gets the next data.
        if (_waiter is not null)
            throw new RuntimeError($"{funcName}() called while another coroutine is already waiting for incoming data");

        Debug.Assert(!_eof, "_wait_for_data after EOF");

        // Waiting for data while paused would deadlock: essential for readexactly(n) with n > limit.
        if (_paused)
        {
            _paused = false;
            _transport!.ResumeReading();
        }

        _loop ??= EventLoop.GetRunningLoop();
        _waiter = _loop.CreateFuture();
        try
        {
            await _waiter;
        }
        finally
        {
            _waiter = null;
        }
    }

    /// <summary>
    /// Mirrors <c>reader.readline()</c>: reads up to and including <c>b'\n'</c>. At EOF returns the
    /// incomplete line without a newline, or an empty array when nothing is left.
    /// </summary>
    /// <remarks>
    /// When the line is longer than the limit, the line and its newline are removed from the buffer if
    /// the newline was found, else the whole buffer is cleared, and <see cref="ValueError"/> is raised
    /// with the <see cref="LimitOverrunError"/>'s message. CPython chains that error as the
    /// <c>ValueError</c>'s implicit <c>__context__</c>; .NET has none, and it is not set as the inner
    /// exception, which would print as an explicit cause.
    /// </remarks>
    /// <exception cref="ValueError">The line is longer than the limit.</exception>
    /// <exception cref="RuntimeError">Another coroutine is already waiting for data on this reader.</exception>
    public async Coroutine<byte[]> ReadLine()
    {
        var sep = s_newline;
        int seplen = sep.Length;
        try
        {
            return await ReadUntil(sep, "readuntil");
        }
        catch (IncompleteReadError e)
        {
            return e.Partial;
        }
        catch (LimitOverrunError e)
        {
            if (StartsWith(sep, e.Consumed)) Consume(e.Consumed + seplen);
            else Clear();
            MaybeResumeTransport();
            throw new ValueError(e.Args[0]);
        }
    }

    /// <summary>Mirrors <c>reader.readuntil()</c>: <see cref="ReadUntil(byte[])"/> with <c>b'\n'</c>.</summary>
    /// <exception cref="IncompleteReadError">EOF came before the separator.</exception>
    /// <exception cref="LimitOverrunError">The data before the separator is longer than the limit.</exception>
    /// <exception cref="RuntimeError">Another coroutine is already waiting for data on this reader.</exception>
    public Coroutine<byte[]> ReadUntil() => ReadUntil(s_newline, "readuntil");

    /// <summary>
    /// Mirrors <c>reader.readuntil(separator)</c>: reads until <paramref name="separator"/> is found and
    /// returns the data with the separator at its end, removed from the buffer.
    /// </summary>
    /// <remarks>
    /// The limit bounds the data returned, not counting the separator. At EOF without the full separator,
    /// the buffer is emptied into <see cref="IncompleteReadError.Partial"/> (which may end with part of the
    /// separator). Over the limit, <see cref="LimitOverrunError"/> leaves the data in the buffer, to be read
    /// again. CPython 3.13's tuple of separators is not supported (3.12's signature).
    /// </remarks>
    /// <exception cref="ValueError"><paramref name="separator"/> is empty (<c>Separator should be at least one-byte string</c>).</exception>
    /// <exception cref="IncompleteReadError">EOF came before the separator.</exception>
    /// <exception cref="LimitOverrunError">The data before the separator is longer than the limit.</exception>
    /// <exception cref="RuntimeError">Another coroutine is already waiting for data on this reader.</exception>
    public Coroutine<byte[]> ReadUntil(byte[] separator)
    {
        ArgumentNullException.ThrowIfNull(separator);
        return ReadUntil(separator, "readuntil");
    }

    private async Coroutine<byte[]> ReadUntil(byte[] separator, string funcName)
    {
        int seplen = separator.Length;
        if (seplen == 0) throw new ValueError("Separator should be at least one-byte string");

        if (_exception is not null) throw _exception;

        // Consume the whole buffer except its last seplen - 1 bytes, which may be the start of the
        // separator: `offset` is the number of bytes from the start of the buffer where there is no
        // occurrence of the separator.
        int offset = 0;
        int isep;

        // Loop until the separator is in the buffer, the buffer exceeds the limit, or EOF.
        while (true)
        {
            int buflen = _length;

            // Is there enough data in the buffer for the separator to fit?
            if (buflen - offset >= seplen)
            {
                isep = _buffer.AsSpan(_start + offset, buflen - offset).IndexOf(separator);
                if (isep != -1)
                {
                    isep += offset;
                    break;
                }

                offset = buflen + 1 - seplen;
                if (offset > _limit)
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
            }

            // A complete message may be in the buffer even after EOF (the last chunk completed the
            // separator), so EOF is checked after the buffer.
            if (_eof)
            {
                var chunk = Take(_length);
                throw new IncompleteReadError(chunk, null);
            }

            // _wait_for_data() resumes reading if the stream was paused.
            await WaitForData(funcName);
        }

        if (isep > _limit)
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);

        var data = Take(isep + seplen);
        MaybeResumeTransport();
        return data;
    }

    /// <summary>
    /// Mirrors <c>reader.read(n=-1)</c>: with <paramref name="n"/> positive, at most <paramref name="n"/>
    /// bytes, as soon as at least one is buffered (an empty array at EOF); with 0, an empty array at once;
    /// with -1 (or any negative), everything until EOF. The limit does not bound what it returns.
    /// </summary>
    /// <exception cref="RuntimeError">Another coroutine is already waiting for data on this reader.</exception>
    public async Coroutine<byte[]> Read(int n = -1)
    {
        if (_exception is not null) throw _exception;

        if (n == 0) return [];

        if (n < 0)
        {
            // read(self._limit) until EOF: waiting for everything at once would deadlock when the
            // peer sends more than the limit (the transport pauses).
            var blocks = new List<byte[]>();
            int total = 0;
            while (true)
            {
                var block = await Read(_limit);
                if (block.Length == 0) break;
                blocks.Add(block);
                total += block.Length;
            }
            if (blocks.Count == 1) return blocks[0];
            var joined = new byte[total];
            int at = 0;
            foreach (var block in blocks)
            {
                block.CopyTo(joined, at);
                at += block.Length;
            }
            return joined;
        }

        if (_length == 0 && !_eof) await WaitForData("read");

        // Right even if the buffer holds fewer than n bytes.
        var data = Take(Math.Min(n, _length));
        MaybeResumeTransport();
        return data;
    }

    /// <summary>
    /// Mirrors <c>reader.readexactly(n)</c>: exactly <paramref name="n"/> bytes (an empty array for 0).
    /// The limit does not bound it.
    /// </summary>
    /// <exception cref="ValueError"><paramref name="n"/> is negative (<c>readexactly size can not be less than zero</c>).</exception>
    /// <exception cref="IncompleteReadError">EOF came first; <see cref="IncompleteReadError.Partial"/> holds
    /// the bytes read (the buffer is emptied).</exception>
    /// <exception cref="RuntimeError">Another coroutine is already waiting for data on this reader.</exception>
    public async Coroutine<byte[]> ReadExactly(int n)
    {
        if (n < 0) throw new ValueError("readexactly size can not be less than zero");

        if (_exception is not null) throw _exception;

        if (n == 0) return [];

        while (_length < n)
        {
            if (_eof)
            {
                var incomplete = Take(_length);
                throw new IncompleteReadError(incomplete, n);
            }

            await WaitForData("readexactly");
        }

        var data = Take(n);
        MaybeResumeTransport();
        return data;
    }

    // ---------------------------------------------------------------- the buffer (CPython's bytearray)

    /// <summary><c>self._buffer.extend(data)</c>.</summary>
    private void Append(ReadOnlySpan<byte> data)
    {
        int needed = _length + data.Length;
        if (_start + needed > _buffer.Length)
        {
            if (needed <= _buffer.Length)
            {
                // Room enough once the consumed front is dropped.
                _buffer.AsSpan(_start, _length).CopyTo(_buffer);
            }
            else
            {
                // Doubling, as a bytearray grows (amortized O(1) per byte fed).
                var bigger = new byte[Math.Max(needed, (int)Math.Min(Array.MaxLength, Math.Max(256L, 2L * _buffer.Length)))];
                _buffer.AsSpan(_start, _length).CopyTo(bigger);
                _buffer = bigger;
            }
            _start = 0;
        }
        data.CopyTo(_buffer.AsSpan(_start + _length));
        _length = needed;
    }

    /// <summary><c>bytes(self._buffer[:n])</c> then <c>del self._buffer[:n]</c>.</summary>
    private byte[] Take(int n)
    {
        var data = _buffer.AsSpan(_start, n).ToArray();
        Consume(n);
        return data;
    }

    /// <summary><c>del self._buffer[:n]</c>.</summary>
    private void Consume(int n)
    {
        n = Math.Min(n, _length);
        _start += n;
        _length -= n;
        if (_length == 0) _start = 0;
    }

    /// <summary><c>self._buffer.clear()</c>.</summary>
    private void Clear()
    {
        _start = 0;
        _length = 0;
    }

    /// <summary><c>self._buffer.startswith(prefix, at)</c>.</summary>
    private bool StartsWith(byte[] prefix, int at) =>
        at >= 0 && at <= _length && _buffer.AsSpan(_start + at, _length - at).StartsWith(prefix);

    /// <summary>
    /// Refuses a feed from another thread while the reader's loop runs (see the remarks on the class);
    /// CPython's debug-mode <c>_check_thread</c> message.
    /// </summary>
    private void CheckThread()
    {
        if (_loop is { ThreadId: var id } && id != 0 && id != Environment.CurrentManagedThreadId)
            throw new RuntimeError("Non-thread-safe operation invoked on an event loop other than the current one");
    }
}
