namespace PyAsync;

/// <summary>
/// Mirrors the <c>asyncio.subprocess</c> module's constants, for the <c>stdin</c>, <c>stdout</c> and <c>stderr</c>
/// arguments of <c>CreateSubprocessExec</c> and <c>CreateSubprocessShell</c>: <c>stdout: Subprocess.PIPE</c>.
/// Null (the default) gives the child this process's own stream; a number of 0 or more, that file descriptor.
/// </summary>
public static class Subprocess
{
    /// <summary>Mirrors <c>asyncio.subprocess.PIPE</c>: a pipe to the loop (<see cref="Process.Stdin"/>, <see cref="Process.Stdout"/>, <see cref="Process.Stderr"/>).</summary>
    public const int PIPE = SubprocessTransport.Pipe;

    /// <summary>Mirrors <c>asyncio.subprocess.STDOUT</c>: for stderr only, the same stream as stdout.</summary>
    public const int STDOUT = SubprocessTransport.Stdout;

    /// <summary>Mirrors <c>asyncio.subprocess.DEVNULL</c>: <c>/dev/null</c>.</summary>
    public const int DEVNULL = SubprocessTransport.Devnull;

    /// <summary>CPython's <c>create_subprocess_exec</c> and <c>create_subprocess_shell</c> after their arguments are a list.</summary>
    internal static async Coroutine<Process> Create(IReadOnlyList<string> args, int? stdin, int? stdout, int? stderr, int limit, string? cwd, IDictionary<string, string>? env)
    {
        var loop = EventLoop.GetRunningLoop();
        if (limit <= 0) throw new ValueError("Limit cannot be <= 0");
        var protocol = new SubprocessStreamProtocol(limit, loop);
        var transport = await SubprocessTransport.Create(loop, protocol, args, stdin, stdout, stderr, cwd, env);
        return new Process(transport, protocol, loop);
    }
}
