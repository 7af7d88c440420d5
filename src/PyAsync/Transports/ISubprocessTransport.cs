namespace PyAsync;

/// <summary>
/// CPython's <c>asyncio.SubprocessTransport</c> (asyncio/transports.py): a child process and its pipes, as its
/// protocol sees them.
/// </summary>
internal interface ISubprocessTransport
{
    /// <summary><c>get_pid()</c>.</summary>
    int GetPid();

    /// <summary><c>get_returncode()</c>: null while the child runs.</summary>
    int? GetReturncode();

    /// <summary>
    /// <c>get_pipe_transport(fd)</c>: the transport of the child's stdin (0, an <see cref="IWriteTransport"/>) or of
    /// its stdout (1) or stderr (2) (an <see cref="IReadTransport"/>), or null when that stream is not a pipe.
    /// </summary>
    object? GetPipeTransport(int fd);

    /// <summary><c>close()</c>: closes the pipes and kills the child if it still runs.</summary>
    void Close();
}
