namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>OSError</c>, raised for a failed system call (a refused connection, a
/// reset, a missing file). It derives from <see cref="IOException"/>, what .NET code catches for I/O
/// failures; the .NET exception it was made from (a <see cref="System.Net.Sockets.SocketException"/>,
/// a <see cref="System.ComponentModel.Win32Exception"/>) is its <see cref="Exception.InnerException"/>.
/// </summary>
/// <remarks>
/// As in CPython, two to five arguments are <c>(errno, strerror[, filename[, winerror[, filename2]]])</c>:
/// <see cref="Errno"/>, <see cref="Strerror"/> and <see cref="Filename"/> are read from them, <c>str(e)</c>
/// is <c>[Errno 111] Connection refused</c> (<c>[Errno 2] No such file or directory: 'x'</c> with a
/// filename), and <c>args</c> keeps only <c>(errno, strerror)</c> when a filename is given. Differences:
/// Python's <c>OSError(111, ...)</c> creates the subclass for that errno (<c>ConnectionRefusedError</c>);
/// in C# <c>new OSError(111, ...)</c> is an <c>OSError</c>, so create the subclass itself. The errno
/// numbers PyAsync gives to the errors it raises are Linux's on every platform (ECONNREFUSED is 111).
/// <c>winerror</c> is not kept, and <c>filename2</c> only shows in <c>str(e)</c>.
/// </remarks>
public class OSError : IOException, IPyException, IPyStr
{
    private readonly OSErrorArgs _parsed;

    /// <summary>Creates the error with Python's <c>args</c>: <c>new OSError(111, "Connection refused")</c>.</summary>
    public OSError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public OSError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    internal OSError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner)
    {
        _parsed = OSErrorArgs.Parse(args);
        Args = _parsed.Args;
    }

    /// <inheritdoc/>
    public PyTuple Args { get; }

    /// <summary>Mirrors <c>OSError.errno</c>: the error number (Linux's numbering), null when not given as an int.</summary>
    public int? Errno => _parsed.Errno;

    /// <summary>Mirrors <c>OSError.strerror</c>: the system's message for <see cref="Errno"/> (<c>Connection refused</c>), null when not given.</summary>
    public string? Strerror => _parsed.Strerror;

    /// <summary>Mirrors <c>OSError.filename</c>: the file the call was about (the third argument), or null.</summary>
    public object? Filename => _parsed.Filename;

    /// <summary>Python's <c>str(e)</c>: <c>[Errno 111] Connection refused</c>.</summary>
    public override string Message => ((IPyStr)this).Str();

    string IPyStr.Str() => _parsed.Str();
}

/// <summary>Mirrors Python's <c>ConnectionError</c>, the base of the connection-related <see cref="OSError"/>s.</summary>
public class ConnectionError : OSError
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public ConnectionError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public ConnectionError(string? message, Exception? innerException) : base(new PyTuple([message]), innerException) { }

    internal ConnectionError(PyTuple args, Exception? inner) : base(args, inner) { }
}

/// <summary>Mirrors Python's <c>ConnectionRefusedError</c> (errno ECONNREFUSED, 111): nothing listens at the address.</summary>
public class ConnectionRefusedError : ConnectionError
{
    /// <summary>Creates the error with Python's <c>args</c>: <c>new ConnectionRefusedError(111, "Connection refused")</c>.</summary>
    public ConnectionRefusedError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public ConnectionRefusedError(string? message, Exception? innerException) : base(new PyTuple([message]), innerException) { }

    internal ConnectionRefusedError(PyTuple args, Exception? inner) : base(args, inner) { }
}

/// <summary>Mirrors Python's <c>ConnectionResetError</c> (errno ECONNRESET, 104): the peer reset the connection.</summary>
public class ConnectionResetError : ConnectionError
{
    /// <summary>Creates the error with Python's <c>args</c>: <c>new ConnectionResetError(104, "Connection reset by peer")</c>.</summary>
    public ConnectionResetError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public ConnectionResetError(string? message, Exception? innerException) : base(new PyTuple([message]), innerException) { }

    internal ConnectionResetError(PyTuple args, Exception? inner) : base(args, inner) { }
}

/// <summary>Mirrors Python's <c>ConnectionAbortedError</c> (errno ECONNABORTED, 103): the connection was aborted.</summary>
public class ConnectionAbortedError : ConnectionError
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public ConnectionAbortedError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public ConnectionAbortedError(string? message, Exception? innerException) : base(new PyTuple([message]), innerException) { }

    internal ConnectionAbortedError(PyTuple args, Exception? inner) : base(args, inner) { }
}

/// <summary>Mirrors Python's <c>BrokenPipeError</c> (errno EPIPE, 32, or ESHUTDOWN): writing to a connection that is shut down.</summary>
public class BrokenPipeError : ConnectionError
{
    /// <summary>Creates the error with Python's <c>args</c>: <c>new BrokenPipeError(32, "Broken pipe")</c>.</summary>
    public BrokenPipeError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public BrokenPipeError(string? message, Exception? innerException) : base(new PyTuple([message]), innerException) { }

    internal BrokenPipeError(PyTuple args, Exception? inner) : base(args, inner) { }
}

/// <summary>Mirrors Python's <c>FileNotFoundError</c> (errno ENOENT, 2): a missing file or program.</summary>
public class FileNotFoundError : OSError
{
    /// <summary>Creates the error with Python's <c>args</c>: <c>new FileNotFoundError(2, "No such file or directory", "x")</c>.</summary>
    public FileNotFoundError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public FileNotFoundError(string? message, Exception? innerException) : base(new PyTuple([message]), innerException) { }

    internal FileNotFoundError(PyTuple args, Exception? inner) : base(args, inner) { }
}

/// <summary>Mirrors Python's <c>ProcessLookupError</c> (errno ESRCH, 3): no process has the pid (a signal to a process that is gone).</summary>
public class ProcessLookupError : OSError
{
    /// <summary>Creates the error with Python's <c>args</c>: <c>new ProcessLookupError(3, "No such process")</c>.</summary>
    public ProcessLookupError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public ProcessLookupError(string? message, Exception? innerException) : base(new PyTuple([message]), innerException) { }

    internal ProcessLookupError(PyTuple args, Exception? inner) : base(args, inner) { }
}

/// <summary>Mirrors Python's <c>PermissionError</c> (errno EACCES, 13, or EPERM, 1): the operation is not allowed.</summary>
public class PermissionError : OSError
{
    /// <summary>Creates the error with Python's <c>args</c>: <c>new PermissionError(13, "Permission denied", "x")</c>.</summary>
    public PermissionError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public PermissionError(string? message, Exception? innerException) : base(new PyTuple([message]), innerException) { }

    internal PermissionError(PyTuple args, Exception? inner) : base(args, inner) { }
}

/// <summary>
/// CPython's <c>OSError.__init__</c> argument parsing and <c>OSError.__str__</c>, shared by
/// <see cref="OSError"/> and <see cref="TimeoutError"/> (an OSError in Python).
/// </summary>
internal readonly struct OSErrorArgs
{
    private readonly object? _errno;
    private readonly object? _strerror;
    private readonly bool _hasErrno;
    private readonly object? _filename2;

    private OSErrorArgs(PyTuple args, object? errno, object? strerror, object? filename, bool hasErrno, object? filename2 = null)
    {
        _filename2 = filename2;
        Args = args;
        _errno = errno;
        _strerror = strerror;
        Filename = filename;
        _hasErrno = hasErrno;
    }

    public PyTuple Args { get; }

    public object? Filename { get; }

    /// <summary>Whether the arguments were OSError's <c>(errno, strerror, ...)</c> form.</summary>
    public bool HasErrno => _hasErrno;

    public int? Errno => _errno is int n ? n : null;

    public string? Strerror => _strerror is null ? null : Builtins.Str(_strerror);

    /// <summary>Two to five arguments are <c>(errno, strerror, filename, winerror, filename2)</c>; with a filename, args keeps the first two.</summary>
    public static OSErrorArgs Parse(PyTuple args)
    {
        if (args.Count < 2 || args.Count > 5) return new OSErrorArgs(args, null, null, null, false);
        object? filename = args.Count >= 3 ? args[2] : null;
        if (filename is NoneType) filename = null;
        object? filename2 = args.Count == 5 && args[4] is not NoneType ? args[4] : null;
        var kept = filename is null ? args : new PyTuple([args[0], args[1]]);
        return new OSErrorArgs(kept, args[0], args[1], filename, true, filename2);
    }

    /// <summary>CPython's <c>OSError.__str__</c>.</summary>
    public string Str()
    {
        if (Filename is not null && _filename2 is not null)
            return $"[Errno {Builtins.Str(_errno)}] {Builtins.Str(_strerror)}: {Builtins.Repr(Filename)} -> {Builtins.Repr(_filename2)}";
        if (Filename is not null) return $"[Errno {Builtins.Str(_errno)}] {Builtins.Str(_strerror)}: {Builtins.Repr(Filename)}";
        if (_hasErrno) return $"[Errno {Builtins.Str(_errno)}] {Builtins.Str(_strerror)}";
        return PyExceptionArgs.Message(Args);
    }
}
