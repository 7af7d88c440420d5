namespace PyAsync;

/// <summary>
/// CPython's <c>StreamReaderProtocol</c> with its <c>FlowControlMixin</c> (asyncio/streams.py): feeds what the
/// transport receives to a <see cref="PyStreamReader"/>, makes <see cref="PyStreamWriter.Drain"/> wait while the
/// transport's write buffer is above its high water mark, and, for a server's connection, makes the writer and
/// starts the client-connected handler.
/// </summary>
internal sealed class StreamReaderProtocol : IBufferedProtocol, IStreamWriterProtocol
{
    private readonly EventLoop _loop;
    private PyStreamReader? _reader;
    private PyStreamWriter? _writer;
    private ITransport? _transport;
    private readonly Func<PyStreamReader, PyStreamWriter, Coroutine?>? _clientConnected;
    private readonly Future<NoneType> _closed;
    private readonly FlowControl _flowControl;

    public StreamReaderProtocol(PyStreamReader reader, Func<PyStreamReader, PyStreamWriter, Coroutine?>? clientConnected, EventLoop loop)
    {
        _reader = reader;
        _clientConnected = clientConnected;
        _loop = loop;
        _closed = loop.CreateFuture<NoneType>();
        _flowControl = new FlowControl(loop);
    }

    /// <summary>The future <c>wait_closed()</c> awaits (CPython's <c>_get_close_waiter</c>).</summary>
    public Future<NoneType> GetCloseWaiter(PyStreamWriter writer) => _closed;

    public void ConnectionMade(ITransport transport)
    {
        _transport = transport;
        _reader?.SetTransport(transport);
        if (_clientConnected is null) return;
        _writer = new PyStreamWriter(transport, this, _reader, _loop);
        var coroutine = _clientConnected(_reader!, _writer);
        if (coroutine is null) return;
        var task = _loop.CreateTask(coroutine);
        // CPython 3.11: task.exception() (which raises CancelledError for a cancelled task, reported as an
        // exception in the callback), then the exception handler and the transport's close for a failure.
        void callback(Future t)
        {
            var exception = t.Exception();
            if (exception is null) return;
            _loop.CallExceptionHandler(new Dictionary<string, object?>
            {
                ["message"] = "Unhandled exception in client_connected_cb",
                ["exception"] = exception,
                ["transport"] = transport,
            });
            transport.Close();
        }
        task.AddDoneCallback(callback);
    }

    public void DataReceived(ReadOnlySpan<byte> data) => _reader?.FeedData(data);

    /// <summary>The reader's own buffer to receive into (no copy), when it has room for <paramref name="sizeHint"/> bytes.</summary>
    public Span<byte> GetBuffer(int sizeHint) => _reader is { } reader ? reader.GetReceiveBuffer(sizeHint) : default;

    public void BufferUpdated(int nbytes) => _reader?.BufferUpdated(nbytes);

    public bool EofReceived()
    {
        _reader?.FeedEof();
        return true;
    }

    public void ConnectionLost(Exception? exception)
    {
        if (_reader is { } reader)
        {
            if (exception is null) reader.FeedEof();
            else reader.SetException(exception);
        }
        if (!_closed.Done())
        {
            if (exception is null) _closed.SetResult(NoneType.None);
            else
            {
                _closed.SetException(exception);
                // CPython's __del__ retrieves it: a lost connection is never "Future exception was never retrieved".
                _ = _closed.Exception();
            }
        }
        _flowControl.ConnectionLost(exception);
        _reader = null;
        _writer = null;
        _transport = null;
    }

    public void PauseWriting() => _flowControl.PauseWriting();

    public void ResumeWriting() => _flowControl.ResumeWriting();

    /// <inheritdoc />
    public Coroutine DrainHelper() => _flowControl.DrainHelper();

    public override string ToString() => $"<{nameof(StreamReaderProtocol)}>";
}
