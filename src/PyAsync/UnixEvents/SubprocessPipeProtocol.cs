namespace PyAsync;

/// <summary>
/// CPython's <c>WriteSubprocessPipeProto</c> and <c>ReadSubprocessPipeProto</c> (asyncio/base_subprocess.py): the
/// protocol of one of a child's pipes, which forwards what happens on it to the <see cref="SubprocessTransport"/>
/// with the pipe's fd (0 stdin, 1 stdout, 2 stderr).
/// </summary>
internal sealed class SubprocessPipeProtocol(SubprocessTransport proc, int fd)
{
    private SubprocessTransport? _proc = proc;

    /// <summary>The pipe's transport, once connected (CPython's <c>self.pipe</c>).</summary>
    public object? Pipe { get; private set; }

    /// <summary>Whether the pipe's connection is lost.</summary>
    public bool Disconnected { get; private set; }

    /// <summary>The fd of the child's stream.</summary>
    public int Fd => fd;

    /// <summary>CPython's <c>connection_made(transport)</c>.</summary>
    public void ConnectionMade(object transport) => Pipe = transport;

    /// <summary>CPython's <c>connection_lost(exc)</c>.</summary>
    public void ConnectionLost(Exception? exception)
    {
        Disconnected = true;
        _proc?.PipeConnectionLost(fd, exception);
        _proc = null;
    }

    /// <summary>CPython's <c>pause_writing()</c>: to the subprocess's protocol.</summary>
    public void PauseWriting() => _proc?.Protocol?.PauseWriting();

    /// <summary>CPython's <c>resume_writing()</c>: to the subprocess's protocol.</summary>
    public void ResumeWriting() => _proc?.Protocol?.ResumeWriting();

    /// <summary>CPython's <c>data_received(data)</c> (read pipes).</summary>
    public void DataReceived(ReadOnlySpan<byte> data) => _proc?.PipeDataReceived(fd, data.ToArray());

    /// <summary>CPython's <c>Protocol.eof_received()</c>, which does nothing here: <c>connection_lost</c> follows.</summary>
    public void EofReceived()
    {
    }

    /// <summary>CPython's repr: <c>&lt;ReadSubprocessPipeProto fd=1 pipe=...&gt;</c>.</summary>
    public override string ToString() => $"<{(fd == 0 ? "WriteSubprocessPipeProto" : "ReadSubprocessPipeProto")} fd={fd} pipe={Pipe}>";
}
