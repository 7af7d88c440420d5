namespace PyAsync;

public static partial class Asyncio
{
    /// <summary>
    /// Mirrors <c>proc = await asyncio.create_subprocess_exec(program, *args, stdin=None, stdout=None, stderr=None,
    /// limit=2**16, cwd=None, env=None)</c>: starts <paramref name="program"/> (looked up in <c>PATH</c>) with the
    /// arguments that follow it, positional as in Python (this overload: none; others take up to eight, or a
    /// collection): <c>var proc = await CreateSubprocessExec("ls", "-l", stdout: Subprocess.PIPE);</c>
    /// </summary>
    /// <remarks>
    /// The child runs with CPython's <c>Popen</c> defaults: every other file descriptor closed, SIGPIPE back to its
    /// default action. Differences from CPython: a <c>PIPE</c> is a Unix socket pair (as libuv's and uvloop's), not
    /// an <c>os.pipe()</c>; only the keyword arguments listed here are supported; Linux and macOS only.
    /// </remarks>
    /// <param name="program">The program: a path, or a name looked up in <c>PATH</c>.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessExec(string program, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        SubprocessExec(program, [], stdin, stdout, stderr, limit, cwd, env);

    /// <summary>Mirrors <c>asyncio.create_subprocess_exec(program, *args, ...)</c> with 1 argument (see the overload without arguments).</summary>
    /// <param name="program">The program: a path, or a name looked up in <c>PATH</c>.</param>
    /// <param name="arg0">Argument 1 of the program.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessExec(string program, string arg0, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        SubprocessExec(program, [arg0], stdin, stdout, stderr, limit, cwd, env);

    /// <summary>Mirrors <c>asyncio.create_subprocess_exec(program, *args, ...)</c> with 2 arguments (see the overload without arguments).</summary>
    /// <param name="program">The program: a path, or a name looked up in <c>PATH</c>.</param>
    /// <param name="arg0">Argument 1 of the program.</param>
    /// <param name="arg1">Argument 2 of the program.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessExec(string program, string arg0, string arg1, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        SubprocessExec(program, [arg0, arg1], stdin, stdout, stderr, limit, cwd, env);

    /// <summary>Mirrors <c>asyncio.create_subprocess_exec(program, *args, ...)</c> with 3 arguments (see the overload without arguments).</summary>
    /// <param name="program">The program: a path, or a name looked up in <c>PATH</c>.</param>
    /// <param name="arg0">Argument 1 of the program.</param>
    /// <param name="arg1">Argument 2 of the program.</param>
    /// <param name="arg2">Argument 3 of the program.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessExec(string program, string arg0, string arg1, string arg2, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        SubprocessExec(program, [arg0, arg1, arg2], stdin, stdout, stderr, limit, cwd, env);

    /// <summary>Mirrors <c>asyncio.create_subprocess_exec(program, *args, ...)</c> with 4 arguments (see the overload without arguments).</summary>
    /// <param name="program">The program: a path, or a name looked up in <c>PATH</c>.</param>
    /// <param name="arg0">Argument 1 of the program.</param>
    /// <param name="arg1">Argument 2 of the program.</param>
    /// <param name="arg2">Argument 3 of the program.</param>
    /// <param name="arg3">Argument 4 of the program.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessExec(string program, string arg0, string arg1, string arg2, string arg3, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        SubprocessExec(program, [arg0, arg1, arg2, arg3], stdin, stdout, stderr, limit, cwd, env);

    /// <summary>Mirrors <c>asyncio.create_subprocess_exec(program, *args, ...)</c> with 5 arguments (see the overload without arguments).</summary>
    /// <param name="program">The program: a path, or a name looked up in <c>PATH</c>.</param>
    /// <param name="arg0">Argument 1 of the program.</param>
    /// <param name="arg1">Argument 2 of the program.</param>
    /// <param name="arg2">Argument 3 of the program.</param>
    /// <param name="arg3">Argument 4 of the program.</param>
    /// <param name="arg4">Argument 5 of the program.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessExec(string program, string arg0, string arg1, string arg2, string arg3, string arg4, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        SubprocessExec(program, [arg0, arg1, arg2, arg3, arg4], stdin, stdout, stderr, limit, cwd, env);

    /// <summary>Mirrors <c>asyncio.create_subprocess_exec(program, *args, ...)</c> with 6 arguments (see the overload without arguments).</summary>
    /// <param name="program">The program: a path, or a name looked up in <c>PATH</c>.</param>
    /// <param name="arg0">Argument 1 of the program.</param>
    /// <param name="arg1">Argument 2 of the program.</param>
    /// <param name="arg2">Argument 3 of the program.</param>
    /// <param name="arg3">Argument 4 of the program.</param>
    /// <param name="arg4">Argument 5 of the program.</param>
    /// <param name="arg5">Argument 6 of the program.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessExec(string program, string arg0, string arg1, string arg2, string arg3, string arg4, string arg5, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        SubprocessExec(program, [arg0, arg1, arg2, arg3, arg4, arg5], stdin, stdout, stderr, limit, cwd, env);

    /// <summary>Mirrors <c>asyncio.create_subprocess_exec(program, *args, ...)</c> with 7 arguments (see the overload without arguments).</summary>
    /// <param name="program">The program: a path, or a name looked up in <c>PATH</c>.</param>
    /// <param name="arg0">Argument 1 of the program.</param>
    /// <param name="arg1">Argument 2 of the program.</param>
    /// <param name="arg2">Argument 3 of the program.</param>
    /// <param name="arg3">Argument 4 of the program.</param>
    /// <param name="arg4">Argument 5 of the program.</param>
    /// <param name="arg5">Argument 6 of the program.</param>
    /// <param name="arg6">Argument 7 of the program.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessExec(string program, string arg0, string arg1, string arg2, string arg3, string arg4, string arg5, string arg6, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        SubprocessExec(program, [arg0, arg1, arg2, arg3, arg4, arg5, arg6], stdin, stdout, stderr, limit, cwd, env);

    /// <summary>Mirrors <c>asyncio.create_subprocess_exec(program, *args, ...)</c> with 8 arguments (see the overload without arguments).</summary>
    /// <param name="program">The program: a path, or a name looked up in <c>PATH</c>.</param>
    /// <param name="arg0">Argument 1 of the program.</param>
    /// <param name="arg1">Argument 2 of the program.</param>
    /// <param name="arg2">Argument 3 of the program.</param>
    /// <param name="arg3">Argument 4 of the program.</param>
    /// <param name="arg4">Argument 5 of the program.</param>
    /// <param name="arg5">Argument 6 of the program.</param>
    /// <param name="arg6">Argument 7 of the program.</param>
    /// <param name="arg7">Argument 8 of the program.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessExec(string program, string arg0, string arg1, string arg2, string arg3, string arg4, string arg5, string arg6, string arg7, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        SubprocessExec(program, [arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7], stdin, stdout, stderr, limit, cwd, env);

    /// <summary>
    /// Mirrors <c>asyncio.create_subprocess_exec(program, *args, ...)</c> with the arguments as a collection, for
    /// Python's <c>*args</c>: <c>CreateSubprocessExec(cmd[0], cmd[1..], stdout: Subprocess.PIPE)</c>.
    /// </summary>
    /// <param name="program">The program: a path, or a name looked up in <c>PATH</c>.</param>
    /// <param name="args">The program's arguments.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> is null.</exception>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessExec(string program, IEnumerable<string> args, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        SubprocessExec(program, [.. args ?? throw new ArgumentNullException(nameof(args))], stdin, stdout, stderr, limit, cwd, env);

    private static Coroutine<Process> SubprocessExec(string program, string[] args, int? stdin, int? stdout, int? stderr, int limit, string? cwd, IDictionary<string, string>? env)
    {
        ArgumentNullException.ThrowIfNull(program);
        foreach (var arg in args) ArgumentNullException.ThrowIfNull(arg, nameof(args));
        return Subprocess.Create([program, .. args], stdin, stdout, stderr, limit, cwd, env);
    }

    /// <summary>
    /// Mirrors <c>proc = await asyncio.create_subprocess_shell(cmd, stdin=None, stdout=None, stderr=None, limit=2**16,
    /// cwd=None, env=None)</c>: runs <paramref name="cmd"/> with <c>/bin/sh -c</c>:
    /// <c>var proc = await CreateSubprocessShell("ls /zzz", stdout: Subprocess.PIPE, stderr: Subprocess.PIPE);</c>
    /// </summary>
    /// <remarks>See <c>CreateSubprocessExec</c>; the same differences from CPython apply.</remarks>
    /// <param name="cmd">The shell command line.</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it.</param>
    /// <param name="stdin">The child's stdin: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdin"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stdout">The child's stdout: <see cref="Subprocess.PIPE"/> (then <see cref="Process.Stdout"/>), <see cref="Subprocess.DEVNULL"/>, a file descriptor, or null for this process's.</param>
    /// <param name="stderr">The child's stderr: as <paramref name="stdout"/>, or <see cref="Subprocess.STDOUT"/> for the same stream as stdout.</param>
    /// <param name="limit">The limit of the stdout and stderr readers (see <see cref="PyStreamReader"/>).</param>
    /// <param name="cwd">The child's working directory (Popen's <c>cwd</c>), or null for this process's.</param>
    /// <param name="env">The child's whole environment (Popen's <c>env</c>), or null for this process's (as .NET sees it).</param>
    /// <exception cref="ArgumentNullException"><paramref name="cmd"/> is null.</exception>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable.</exception>
    /// <exception cref="ValueError"><see cref="Subprocess.STDOUT"/> for stdin or stdout; a <paramref name="limit"/> of 0 or less.</exception>
    /// <exception cref="NotImplementedError">Not on Linux or macOS.</exception>
    /// <exception cref="RuntimeError">No loop is running.</exception>
    public static Coroutine<Process> CreateSubprocessShell(string cmd, KeywordOnly _ = default, int? stdin = null, int? stdout = null, int? stderr = null, int limit = PyStreamReader.DefaultLimit, string? cwd = null, IDictionary<string, string>? env = null) =>
        Subprocess.Create(["/bin/sh", "-c", cmd ?? throw new ArgumentNullException(nameof(cmd))], stdin, stdout, stderr, limit, cwd, env);
}
