namespace PyAsync;

/// <summary>
/// CPython's <c>asyncio.SubprocessProtocol</c> (asyncio/protocols.py): what a subprocess transport tells its
/// protocol, on the loop's thread.
/// </summary>
internal interface ISubprocessProtocol
{
    /// <summary><c>connection_made(transport)</c>: the child runs and its pipes are connected.</summary>
    void ConnectionMade(ISubprocessTransport transport);

    /// <summary><c>pipe_data_received(fd, data)</c>: the child wrote <paramref name="data"/> to its stdout (1) or stderr (2).</summary>
    void PipeDataReceived(int fd, byte[] data);

    /// <summary><c>pipe_connection_lost(fd, exc)</c>: one of the child's pipes closed (<paramref name="exception"/> null: normally).</summary>
    void PipeConnectionLost(int fd, Exception? exception);

    /// <summary><c>process_exited()</c>: the child ended.</summary>
    void ProcessExited();

    /// <summary><c>connection_lost(exc)</c>: the child ended and all its pipes are closed.</summary>
    void ConnectionLost(Exception? exception);

    /// <summary><c>pause_writing()</c>: the stdin pipe's buffer went above its high water mark.</summary>
    void PauseWriting();

    /// <summary><c>resume_writing()</c>: the stdin pipe's buffer went down to its low water mark.</summary>
    void ResumeWriting();
}
