using System.ComponentModel;
using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// Turns the .NET exceptions of a failed system call (<see cref="SocketException"/>, <see cref="IOException"/>,
/// <see cref="Win32Exception"/>) into the <see cref="OSError"/> subclass CPython raises for the same errno, with
/// Linux's errno numbers and messages (<c>[Errno 111] Connection refused</c>) on every platform, the .NET
/// exception kept as the inner exception.
/// </summary>
internal static class OSErrors
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EACCES = 13;
    public const int EPIPE = 32;
    public const int ECONNABORTED = 103;
    public const int ECONNRESET = 104;
    public const int ETIMEDOUT = 110;
    public const int ECONNREFUSED = 111;

    /// <summary>Linux's <c>strerror</c> for the errno numbers sockets, pipes and files give.</summary>
    private static readonly Dictionary<int, string> s_strerror = new()
    {
        [EPERM] = "Operation not permitted",
        [ENOENT] = "No such file or directory",
        [ESRCH] = "No such process",
        [4] = "Interrupted system call",
        [7] = "Argument list too long",
        [8] = "Exec format error",
        [9] = "Bad file descriptor",
        [10] = "No child processes",
        [11] = "Resource temporarily unavailable",
        [12] = "Cannot allocate memory",
        [EACCES] = "Permission denied",
        [20] = "Not a directory",
        [22] = "Invalid argument",
        [24] = "Too many open files",
        [EPIPE] = "Broken pipe",
        [90] = "Message too long",
        [98] = "Address already in use",
        [99] = "Cannot assign requested address",
        [100] = "Network is down",
        [101] = "Network is unreachable",
        [102] = "Network dropped connection on reset",
        [ECONNABORTED] = "Software caused connection abort",
        [ECONNRESET] = "Connection reset by peer",
        [105] = "No buffer space available",
        [106] = "Transport endpoint is already connected",
        [107] = "Transport endpoint is not connected",
        [108] = "Cannot send after transport endpoint shutdown",
        [ETIMEDOUT] = "Connection timed out",
        [ECONNREFUSED] = "Connection refused",
        [113] = "No route to host",
        [114] = "Operation already in progress",
        [115] = "Operation now in progress",
        [125] = "Operation canceled",
    };

    /// <summary>Linux's errno for a <see cref="SocketError"/> (null for one with no errno).</summary>
    public static int? Errno(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => ECONNREFUSED,
        SocketError.ConnectionReset => ECONNRESET,
        SocketError.ConnectionAborted => ECONNABORTED,
        // .NET reports EPIPE (and ESHUTDOWN) as Shutdown.
        SocketError.Shutdown => EPIPE,
        SocketError.TimedOut => ETIMEDOUT,
        SocketError.AddressAlreadyInUse => 98,
        SocketError.AddressNotAvailable => 99,
        SocketError.NetworkDown => 100,
        SocketError.NetworkUnreachable => 101,
        SocketError.NetworkReset => 102,
        SocketError.NoBufferSpaceAvailable => 105,
        SocketError.IsConnected => 106,
        SocketError.NotConnected => 107,
        SocketError.HostUnreachable => 113,
        SocketError.AlreadyInProgress => 114,
        SocketError.InProgress => 115,
        SocketError.WouldBlock => 11,
        SocketError.Interrupted => 4,
        SocketError.AccessDenied => 13,
        SocketError.MessageSize => 90,
        SocketError.OperationAborted => 125,
        _ => null,
    };

    /// <summary>Linux's <c>strerror(errno)</c>, or null for a number not in the table.</summary>
    public static string? Strerror(int errno) => s_strerror.GetValueOrDefault(errno);

    /// <summary>
    /// The Python exception for <paramref name="exception"/>: an <see cref="OSError"/> subclass (or
    /// <see cref="TimeoutError"/> for ETIMEDOUT) for a socket, I/O or Win32 error; any other exception as is.
    /// </summary>
    /// <param name="exception">The .NET exception, kept as the inner exception.</param>
    /// <param name="filename">Python's <c>filename</c> (the program of a subprocess), or null.</param>
    public static Exception From(Exception exception, object? filename = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case OSError or TimeoutError:
                return exception;
            case SocketException s:
                if (Errno(s.SocketErrorCode) is int errno) return Create(errno, Strerror(errno)!, filename, s);
                return new OSError(new PyTuple([s.NativeErrorCode, s.Message]), s);
            case Win32Exception w:
                // On Linux and macOS .NET's NativeErrorCode is the errno (ENOENT for a missing program).
                return Create(w.NativeErrorCode, Strerror(w.NativeErrorCode) ?? w.Message, filename, w);
            case FileNotFoundException f:
                return Create(ENOENT, Strerror(ENOENT)!, filename ?? f.FileName, f);
            case DirectoryNotFoundException d:
                return Create(ENOENT, Strerror(ENOENT)!, filename, d);
            case IOException io when !OperatingSystem.IsWindows() && io.HResult > 0 && io.HResult < 4096:
                // On Unix .NET gives an IOException for an errno its HResult (EPIPE for a closed pipe).
                return Create(io.HResult, Strerror(io.HResult) ?? io.Message, filename, io);
            case IOException { InnerException: SocketException inner } io:
                return From(inner, filename) is OSError mapped ? Rewrap(mapped, io) : new OSError(io.Message, io);
            case IOException io:
                return new OSError(io.Message, io);
            default:
                return exception;
        }
    }

    /// <summary>
    /// asyncio's error for a failed <c>sock_connect</c>: <c>OSError(err, f'Connect call failed {address}')</c>,
    /// which is the subclass for the errno, <c>[Errno 111] Connect call failed ('127.0.0.1', 9)</c>.
    /// </summary>
    /// <param name="exception">The .NET exception of the connect (kept as the inner exception).</param>
    /// <param name="address">The address as Python shows it, usually a <c>(string host, int port)</c> tuple.</param>
    public static Exception ConnectCallFailed(Exception exception, object? address)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var mapped = From(exception);
        int? errno = mapped switch
        {
            OSError o => o.Errno,
            TimeoutError t => t.Errno,
            _ => null,
        };
        if (errno is null) return mapped;
        return Create(errno.Value, "Connect call failed " + Builtins.Repr(address), null, exception);
    }

    /// <summary>The subclass CPython's <c>OSError(errno, strerror, filename)</c> creates for <paramref name="errno"/>.</summary>
    public static Exception Create(int errno, string strerror, object? filename, Exception? inner)
    {
        var args = filename is null ? new PyTuple([errno, strerror]) : new PyTuple([errno, strerror, filename]);
        return errno switch
        {
            ECONNREFUSED => new ConnectionRefusedError(args, inner),
            ECONNRESET => new ConnectionResetError(args, inner),
            ECONNABORTED => new ConnectionAbortedError(args, inner),
            EPIPE or 108 => new BrokenPipeError(args, inner),
            ENOENT => new FileNotFoundError(args, inner),
            ESRCH => new ProcessLookupError(args, inner),
            EPERM or EACCES => new PermissionError(args, inner),
            ETIMEDOUT => new TimeoutError(args, inner),
            _ => new OSError(args, inner),
        };
    }

    private static Exception Rewrap(OSError mapped, Exception inner) =>
        Create(mapped.Errno ?? 0, mapped.Strerror ?? inner.Message, mapped.Filename, inner);
}
