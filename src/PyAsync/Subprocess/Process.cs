using System.Diagnostics;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.subprocess.Process</c>: a child process started by
/// <see cref="Asyncio.CreateSubprocessExec(string, KeywordOnly, int?, int?, int?, int, string?, IDictionary{string, string}?)"/>
/// or <see cref="Asyncio.CreateSubprocessShell"/>, with its pipes as streams:
/// <c>var (stdout, stderr) = await proc.Communicate();</c>
/// </summary>
/// <remarks>
/// <para>
/// Not <see cref="System.Diagnostics.Process"/>: this is asyncio's object, driven by the event loop. As in CPython
/// 3.11, <see cref="Wait"/> returns once the child has exited <em>and</em> its pipes are closed: a child whose stdout
/// is a pipe nobody reads can fill it and never exit, so read it (or use <see cref="Communicate"/>), as CPython's
/// documentation warns.
/// </para>
/// <para>
/// Differences from CPython: a <c>PIPE</c> is a Unix socket pair, as libuv (and so uvloop) makes it, not
/// <c>os.pipe()</c> (see the README); Linux and macOS only.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.subprocess.Process")]
public sealed class Process
{
    private readonly SubprocessTransport _transport;
    private readonly EventLoop _loop;

    internal Process(SubprocessTransport transport, SubprocessStreamProtocol protocol, EventLoop loop)
    {
        _transport = transport;
        _loop = loop;
        Stdin = protocol.Stdin;
        Stdout = protocol.Stdout;
        Stderr = protocol.Stderr;
        Pid = transport.GetPid();
    }

    /// <summary>Mirrors <c>proc.stdin</c>: the child's stdin as a stream writer, when it was started with <c>stdin=PIPE</c>; else null.</summary>
    public PyStreamWriter? Stdin { get; }

    /// <summary>Mirrors <c>proc.stdout</c>: the child's stdout as a stream reader, when it was started with <c>stdout=PIPE</c>; else null.</summary>
    public PyStreamReader? Stdout { get; }

    /// <summary>Mirrors <c>proc.stderr</c>: the child's stderr as a stream reader, when it was started with <c>stderr=PIPE</c>; else null.</summary>
    public PyStreamReader? Stderr { get; }

    /// <summary>Mirrors <c>proc.pid</c>.</summary>
    public int Pid { get; }

    /// <summary>
    /// Mirrors <c>proc.returncode</c>: null while the child runs, then its exit status, or minus the signal that
    /// ended it (<c>-9</c> after <see cref="Kill"/>), as on POSIX.
    /// </summary>
    public int? Returncode => _transport.GetReturncode();

    /// <summary>CPython's repr: <c>&lt;Process 1234&gt;</c>.</summary>
    public override string ToString() => $"<Process {Pid}>";

    /// <summary>Mirrors <c>await proc.wait()</c>: waits for the child to exit (and its pipes to close) and returns <see cref="Returncode"/>.</summary>
    public Coroutine<int> Wait() => _transport.Wait();

    /// <summary>Mirrors <c>proc.send_signal(signal)</c>: sends <paramref name="signal"/> to the child; nothing if it has already been reaped.</summary>
    /// <exception cref="ProcessLookupError">The process's transport is closed (the child ended and its pipes closed).</exception>
    public void SendSignal(Signal signal) => _transport.SendSignal((int)signal);

    /// <summary>Mirrors <c>proc.terminate()</c>: SIGTERM.</summary>
    /// <exception cref="ProcessLookupError">The process's transport is closed.</exception>
    public void Terminate() => _transport.SendSignal((int)Signal.SIGTERM);

    /// <summary>Mirrors <c>proc.kill()</c>: SIGKILL.</summary>
    /// <exception cref="ProcessLookupError">The process's transport is closed.</exception>
    public void Kill() => _transport.SendSignal((int)Signal.SIGKILL);

    /// <summary>
    /// Mirrors <c>stdout, stderr = await proc.communicate(input=None)</c>: writes <paramref name="input"/> to stdin
    /// (then closes it), reads stdout and stderr to their end, all at once, so that no pipe fills up and blocks the
    /// child, then waits for it to exit. Each of the two results is null when that stream is not a pipe.
    /// </summary>
    /// <remarks>
    /// As CPython's, a child that exits without reading its input is not an error: the
    /// <see cref="BrokenPipeError"/> or <see cref="ConnectionResetError"/> of the write is ignored.
    /// </remarks>
    /// <param name="input">Bytes for the child's stdin (it must have been started with <c>stdin=PIPE</c>), or null.</param>
    public async Coroutine<(byte[]? Stdout, byte[]? Stderr)> Communicate(byte[]? input = null)
    {
        var stdin = input is not null ? FeedStdin(input) : Noop();
        var stdout = Stdout is not null ? ReadStream(1) : Noop();
        var stderr = Stderr is not null ? ReadStream(2) : Noop();
        var results = await GatheringFuture<List<byte[]?>>.Create([stdin, stdout, stderr], false, GatherResult.Typed<byte[]?>);
        await Wait();
        return (results[1], results[2]);
    }

    private async Coroutine<byte[]?> FeedStdin(byte[] input)
    {
        var stdin = Stdin ?? throw new AttributeError("'NoneType' object has no attribute 'write'");
        try
        {
            stdin.Write(input);
            await stdin.Drain();
        }
        catch (Exception e) when (e is BrokenPipeError or ConnectionResetError)
        {
            // communicate() ignores BrokenPipeError and ConnectionResetError; write() and drain() can raise these exceptions.
        }
        stdin.Close();
        return null;
    }

    private static async Coroutine<byte[]?> Noop() => null;

    private async Coroutine<byte[]?> ReadStream(int fd)
    {
        var transport = _transport.GetPipeTransport(fd);
        var stream = fd == 2 ? Stderr! : Stdout!;
        var output = await stream.Read();
        if (transport is ReadPipeTransport pipe) pipe.Close();
        return output;
    }
}
