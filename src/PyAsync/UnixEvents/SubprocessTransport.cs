using System.Globalization;
using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// CPython's <c>BaseSubprocessTransport</c> (asyncio/base_subprocess.py) with <c>_UnixSubprocessTransport</c> and
/// <c>_make_subprocess_transport</c> (asyncio/unix_events.py): starts the child (<see cref="PosixSpawn"/>), connects
/// its pipes to the loop, and tells its <see cref="ISubprocessProtocol"/> what happens, in CPython's order: the
/// data of each pipe, the end of each pipe, the child's exit (one loop iteration after its watcher saw it), then
/// <c>connection_lost</c> once the child has exited and every pipe is closed, which is also when <see cref="Wait"/>
/// returns, as in CPython 3.11.
/// </summary>
internal sealed class SubprocessTransport : ISubprocessTransport, IInFlightIo
{
    /// <summary>CPython's <c>subprocess.PIPE</c>, <c>STDOUT</c> and <c>DEVNULL</c>.</summary>
    public const int Pipe = -1, Stdout = -2, Devnull = -3;

    private EventLoop? _loop;
    private ISubprocessProtocol? _protocol;
    private bool _closed;
    private readonly int _pid;
    private int? _returncode;
    // Set by the watcher's thread as soon as waitpid returned: the pid may be another process's from then on.
    private volatile bool _reaped;
    private bool _procGone;
    private List<Future<int>>? _exitWaiters = new();
    private List<Action>? _pendingCalls = new();
    private readonly SortedDictionary<int, SubprocessPipeProtocol?> _pipes = new();
    private readonly Dictionary<int, Socket> _parentEnds = new();
    private bool _finished;
    // Whether the transport has been handed to the program that started the child, and the child's exit if it came
    // before (see ChildExited).
    private bool _handedOver;
    private int? _exitedEarly;

    private SubprocessTransport(EventLoop loop, ISubprocessProtocol protocol, IReadOnlyList<string> args, int? stdin, int? stdout, int? stderr, string? cwd, IDictionary<string, string>? env)
    {
        _loop = loop;
        _protocol = protocol;
        if (stdin == Pipe) _pipes[0] = null;
        if (stdout == Pipe) _pipes[1] = null;
        if (stderr == Pipe) _pipes[2] = null;
        _pid = Start(args, stdin, stdout, stderr, cwd, env);
    }

    /// <summary>
    /// CPython's <c>loop._make_subprocess_transport(...)</c>: starts <paramref name="args"/> (<c>["/bin/sh", "-c", cmd]</c>
    /// for a shell), watches it, connects its pipes and returns the transport once <c>connection_made</c> ran.
    /// </summary>
    /// <exception cref="FileNotFoundError">No such program.</exception>
    /// <exception cref="ValueError"><c>STDOUT</c> given for stdin or stdout, or an invalid file descriptor.</exception>
    public static async Coroutine<SubprocessTransport> Create(EventLoop loop, ISubprocessProtocol protocol, IReadOnlyList<string> args,
        int? stdin, int? stdout, int? stderr, string? cwd, IDictionary<string, string>? env)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            throw new NotImplementedError("subprocesses are supported on Linux and macOS");
        var waiter = loop.CreateFuture<NoneType>();
        var transport = new SubprocessTransport(loop, protocol, args, stdin, stdout, stderr, cwd, env);
        loop.OutsideWork.AddIoSource(transport);
        ThreadedChildWatcher.AddChildHandler(loop, transport._pid, transport.MarkReaped, transport.ChildExited);
        _ = loop.CreateTask(transport.ConnectPipes(waiter));
        try
        {
            await waiter;
        }
        catch (Exception e) when (e is not KeyboardInterrupt)
        {
            transport.HandOver();
            transport.Close();
            await transport.Wait();
            throw;
        }
        transport.HandOver();
        return transport;
    }

    // The program has the transport now (its task step goes on with it): an exit that came before is taken after that
    // step, as the watcher's callback would come.
    private void HandOver()
    {
        _handedOver = true;
        if (_exitedEarly is { } returncode) _loop!.CallSoon(() => ChildExited(returncode));
    }

    /// <summary>The protocol (null once the connection is lost).</summary>
    public ISubprocessProtocol? Protocol => _protocol;

    // CPython's _UnixSubprocessTransport._start, as Popen(args, stdin=..., stdout=..., stderr=..., close_fds=True).
    private int Start(IReadOnlyList<string> args, int? stdin, int? stdout, int? stderr, string? cwd, IDictionary<string, string>? env)
    {
        if (stdin == Stdout || stdout == Stdout) throw new ValueError("STDOUT can only be used for stderr");
        var childFds = new int[] { -1, -1, -1 };
        var toClose = new List<int>();
        SafeHandleList devnull = new();
        try
        {
            int? requested(int fd) => fd switch { 0 => stdin, 1 => stdout, _ => stderr };
            for (int fd = 0; fd < 3; fd++)
            {
                int? value = requested(fd);
                if (value is null) continue;
                if (value == Stdout)
                {
                    childFds[2] = childFds[1] >= 0 ? childFds[1] : 1;
                    continue;
                }
                if (value == Pipe)
                {
                    var (parent, child) = PosixSpawn.Pipe();
                    _parentEnds[fd] = parent;
                    toClose.Add(child);
                    childFds[fd] = child;
                }
                else if (value == Devnull) childFds[fd] = devnull.Open();
                else if (value >= 0) childFds[fd] = value.Value;
                else throw new ValueError($"bad value for {(fd == 0 ? "stdin" : fd == 1 ? "stdout" : "stderr")}: {value.Value.ToString(CultureInfo.InvariantCulture)}");
            }
            return PosixSpawn.Spawn(args, childFds, cwd, env);
        }
        catch
        {
            foreach (var parent in _parentEnds.Values) parent.Close();
            _parentEnds.Clear();
            throw;
        }
        finally
        {
            foreach (int fd in toClose) PosixSpawn.CloseFd(fd);
            devnull.Dispose();
        }
    }

    // /dev/null, opened once for the child's streams that want it.
    private sealed class SafeHandleList : IDisposable
    {
        private Microsoft.Win32.SafeHandles.SafeFileHandle? _devnull;

        public int Open()
        {
            _devnull ??= File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite);
            return (int)_devnull.DangerousGetHandle();
        }

        public void Dispose() => _devnull?.Dispose();
    }

    /// <summary>CPython's repr: <c>&lt;_UnixSubprocessTransport pid=1234 running stdin=... stdout=...&gt;</c>.</summary>
    public override string ToString()
    {
        var info = new List<string> { "_UnixSubprocessTransport" };
        if (_closed) info.Add("closed");
        info.Add("pid=" + _pid.ToString(CultureInfo.InvariantCulture));
        info.Add(_returncode is { } code ? "returncode=" + code.ToString(CultureInfo.InvariantCulture) : "running");
        if (_pipes.GetValueOrDefault(0) is { } stdin) info.Add($"stdin={stdin.Pipe}");
        if (_pipes.GetValueOrDefault(1) is { } stdout) info.Add($"stdout={stdout.Pipe}");
        if (_pipes.GetValueOrDefault(2) is { } stderr) info.Add($"stderr={stderr.Pipe}");
        return "<" + string.Join(' ', info) + ">";
    }

    /// <inheritdoc />
    public int GetPid() => _pid;

    /// <inheritdoc />
    public int? GetReturncode() => _returncode;

    /// <inheritdoc />
    public object? GetPipeTransport(int fd) => _pipes.GetValueOrDefault(fd)?.Pipe;

    /// <summary>CPython's <c>is_closing()</c>.</summary>
    public bool IsClosing() => _closed;

    /// <inheritdoc />
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        foreach (var proto in _pipes.Values)
        {
            switch (proto?.Pipe)
            {
                case ReadPipeTransport read: read.Close(); break;
                case WritePipeTransport write: write.Close(); break;
            }
        }
        // Ends of pipes never connected (the start failed half-way).
        foreach (var (fd, parent) in _parentEnds)
            if (_pipes.GetValueOrDefault(fd) is null) parent.Close();
        if (_returncode is null && !_reaped)
        {
            // Close running child process: kill it.
            PosixSpawn.Kill(_pid, 9);
        }
    }

    private void CheckProc()
    {
        if (_procGone) throw new ProcessLookupError();
    }

    /// <summary>CPython's <c>send_signal(signal)</c>: nothing for a child already reaped, as <c>Popen.send_signal</c>.</summary>
    /// <exception cref="ProcessLookupError">The transport's connection is lost (CPython's <c>_check_proc</c>).</exception>
    public void SendSignal(int signal)
    {
        CheckProc();
        if (_reaped) return;
        PosixSpawn.Kill(_pid, signal);
    }

    // The pipes, connected in CPython's order (stdin, stdout, stderr), each after its connection_made ran.
    private async Coroutine ConnectPipes(Future<NoneType> waiter)
    {
        try
        {
            var loop = _loop!;
            foreach (int fd in new[] { 0, 1, 2 })
            {
                if (!_parentEnds.TryGetValue(fd, out var end)) continue;
                var proto = new SubprocessPipeProtocol(this, fd);
                var connected = loop.CreateFuture<NoneType>();
                if (fd == 0) _ = new WritePipeTransport(loop, end, proto, connected);
                else _ = new ReadPipeTransport(loop, end, proto, connected);
                await connected;
                _pipes[fd] = proto;
            }
            var protocol = _protocol!;
            loop.CallSoon(() => protocol.ConnectionMade(this));
            foreach (var callback in _pendingCalls!) loop.CallSoon(callback);
            _pendingCalls = null;
        }
        catch (Exception e) when (e is not KeyboardInterrupt)
        {
            _pendingCalls = null;
            if (!waiter.Cancelled()) waiter.SetException(e);
            return;
        }
        if (!waiter.Cancelled()) waiter.SetResult(NoneType.None);
    }

    private void Call(Action callback)
    {
        if (_pendingCalls is not null) _pendingCalls.Add(callback);
        else _loop!.CallSoon(callback);
    }

    /// <summary>CPython's <c>_pipe_connection_lost(fd, exc)</c>.</summary>
    public void PipeConnectionLost(int fd, Exception? exception)
    {
        var protocol = _protocol!;
        Call(() => protocol.PipeConnectionLost(fd, exception));
        TryFinish();
    }

    /// <summary>CPython's <c>_pipe_data_received(fd, data)</c>.</summary>
    public void PipeDataReceived(int fd, byte[] data)
    {
        var protocol = _protocol!;
        Call(() => protocol.PipeDataReceived(fd, data));
    }

    // The watcher's callback (on the loop, one iteration after the child's end reached it). What the child's exit did
    // to its pipes (the end of its output, the close of its stdin) is at their sockets by now; without a selector .NET
    // may not have told the loop yet: those events are taken in first, as CPython's selector reports them in the
    // iteration the watcher's wake-up ends, before the exit's callback.
    private void ChildExited(int returncode)
    {
        _reaped = true;
        if (_protocol is null) return; // the connection is lost already (the loop closed the transport)
        if (!_handedOver)
        {
            // A child that ends at once (true, a missing command of a shell) can end before the program has its process
            // object, which CPython's loop, faster than a cold .NET process, rarely sees: its exit is taken once the
            // program's step that got the object is over (HandOver), so a wait() it starts then sees the pipes close.
            _exitedEarly = returncode;
            return;
        }
        // With the loop's selector this is CPython's order by itself: the pipes' readiness is polled in the iteration
        // that ran the watcher's outer callback, before this inner one.
        bool pipesPending = false;
        if (_loop!.Selector is null)
            foreach (var proto in _pipes.Values)
                pipesPending |= proto?.Pipe is IInFlightIo pipe && pipe.TakeInReady();
        if (pipesPending)
        {
            _loop!.PostEvent(ExitAfterPipes.Instance, (this, returncode));
            return;
        }
        ProcessExited(returncode);
    }

    private sealed class ExitAfterPipes : IReadyCallback
    {
        public static readonly ExitAfterPipes Instance = new();

        public void Run(object? arg)
        {
            var (transport, returncode) = ((SubprocessTransport, int))arg!;
            if (transport._protocol is not null) transport.ProcessExited(returncode);
        }

        public string Describe(object? arg) => "BaseSubprocessTransport._process_exited()";
    }

    /// <summary>The child was reaped (the watcher's thread, before it posts <see cref="ChildExited"/>).</summary>
    public void MarkReaped() => _reaped = true;

    // CPython's _process_exited(returncode).
    private void ProcessExited(int returncode)
    {
        _returncode = returncode;
        var protocol = _protocol!;
        Call(protocol.ProcessExited);
        TryFinish();
    }

    /// <summary>
    /// CPython's <c>_wait()</c>: the return code, once the child has exited and its pipes are closed (CPython 3.11
    /// wakes its waiters in <c>_call_connection_lost</c>).
    /// </summary>
    public async Coroutine<int> Wait()
    {
        if (_returncode is { } code) return code;
        var waiter = _loop!.CreateFuture<int>();
        _exitWaiters!.Add(waiter);
        return await waiter;
    }

    private void TryFinish()
    {
        if (_finished || _returncode is null) return;
        if (_pipes.Values.All(p => p is not null && p.Disconnected))
        {
            _finished = true;
            Call(() => CallConnectionLost(null));
        }
    }

    private void CallConnectionLost(Exception? exception)
    {
        try
        {
            _protocol?.ConnectionLost(exception);
        }
        finally
        {
            // Wake up futures waiting for wait().
            foreach (var waiter in _exitWaiters!)
                if (!waiter.Cancelled()) waiter.SetResult(_returncode!.Value);
            _exitWaiters = null;
            _loop?.OutsideWork.RemoveIoSource(this);
            _loop = null;
            _procGone = true;
            _protocol = null;
        }
    }

    /// <inheritdoc />
    public bool TakeInReady() => false;

    /// <inheritdoc />
    public void LoopClosed()
    {
        if (_closed) return;
        Warnings.Warn($"unclosed transport {this}", "ResourceWarning");
        Close();
    }
}
