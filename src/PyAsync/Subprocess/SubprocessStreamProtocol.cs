namespace PyAsync;

/// <summary>
/// CPython's <c>SubprocessStreamProtocol</c> (asyncio/subprocess.py): like <see cref="StreamReaderProtocol"/>, but
/// for a child process: its stdout and stderr pipes feed a <see cref="PyStreamReader"/> each, its stdin pipe is a
/// <see cref="PyStreamWriter"/> whose <c>drain()</c> waits while the pipe is paused, and the transport closes once
/// the child has exited and its read pipes are closed.
/// </summary>
internal sealed class SubprocessStreamProtocol : ISubprocessProtocol, IStreamWriterProtocol
{
    private readonly int _limit;
    private readonly EventLoop _loop;
    private readonly FlowControl _flowControl;
    private ISubprocessTransport? _transport;
    private bool _processExited;
    private readonly List<int> _pipeFds = new();
    private readonly Future<NoneType> _stdinClosed;

    public SubprocessStreamProtocol(int limit, EventLoop loop)
    {
        _limit = limit;
        _loop = loop;
        _flowControl = new FlowControl(loop);
        _stdinClosed = loop.CreateFuture<NoneType>();
    }

    /// <summary>The child's stdin, when it is a pipe.</summary>
    public PyStreamWriter? Stdin { get; private set; }

    /// <summary>The child's stdout, when it is a pipe.</summary>
    public PyStreamReader? Stdout { get; private set; }

    /// <summary>The child's stderr, when it is a pipe.</summary>
    public PyStreamReader? Stderr { get; private set; }

    /// <summary>CPython's repr: <c>&lt;SubprocessStreamProtocol stdout=&lt;StreamReader ...&gt;&gt;</c>.</summary>
    public override string ToString()
    {
        var info = new List<string> { nameof(SubprocessStreamProtocol) };
        if (Stdin is not null) info.Add($"stdin={Stdin}");
        if (Stdout is not null) info.Add($"stdout={Stdout}");
        if (Stderr is not null) info.Add($"stderr={Stderr}");
        return "<" + string.Join(' ', info) + ">";
    }

    /// <inheritdoc />
    public void ConnectionMade(ISubprocessTransport transport)
    {
        _transport = transport;
        if (transport.GetPipeTransport(1) is IReadTransport stdout)
        {
            Stdout = new PyStreamReader(_limit, _loop);
            Stdout.SetTransport(stdout);
            _pipeFds.Add(1);
        }
        if (transport.GetPipeTransport(2) is IReadTransport stderr)
        {
            Stderr = new PyStreamReader(_limit, _loop);
            Stderr.SetTransport(stderr);
            _pipeFds.Add(2);
        }
        if (transport.GetPipeTransport(0) is IWriteTransport stdin)
            Stdin = new PyStreamWriter(stdin, this, null, _loop);
    }

    /// <inheritdoc />
    public void PipeDataReceived(int fd, byte[] data)
    {
        var reader = fd == 1 ? Stdout : fd == 2 ? Stderr : null;
        reader?.FeedData(data);
    }

    /// <inheritdoc />
    public void PipeConnectionLost(int fd, Exception? exception)
    {
        if (fd == 0)
        {
            Stdin?.Close();
            ConnectionLost(exception);
            if (exception is null) _stdinClosed.SetResult(NoneType.None);
            else
            {
                _stdinClosed.SetException(exception);
                // Since calling wait_closed() is not mandatory, the traceback is not logged if this is not awaited.
                _ = _stdinClosed.Exception();
            }
            return;
        }
        var reader = fd == 1 ? Stdout : fd == 2 ? Stderr : null;
        if (reader is not null)
        {
            if (exception is null) reader.FeedEof();
            else reader.SetException(exception);
        }
        _pipeFds.Remove(fd);
        MaybeCloseTransport();
    }

    /// <inheritdoc />
    public void ProcessExited()
    {
        _processExited = true;
        MaybeCloseTransport();
    }

    private void MaybeCloseTransport()
    {
        if (_pipeFds.Count == 0 && _processExited && _transport is { } transport)
        {
            transport.Close();
            _transport = null;
        }
    }

    /// <inheritdoc />
    public void ConnectionLost(Exception? exception) => _flowControl.ConnectionLost(exception);

    /// <inheritdoc />
    public void PauseWriting() => _flowControl.PauseWriting();

    /// <inheritdoc />
    public void ResumeWriting() => _flowControl.ResumeWriting();

    /// <inheritdoc />
    public Coroutine DrainHelper() => _flowControl.DrainHelper();

    /// <inheritdoc />
    public Future<NoneType> GetCloseWaiter(PyStreamWriter writer) => _stdinClosed;
}
