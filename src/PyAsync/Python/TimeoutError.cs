namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>TimeoutError</c> (which <c>asyncio.TimeoutError</c> is an alias of
/// since 3.11): raised by <c>wait_for</c> and <c>timeout()</c> when the deadline passes, and for a
/// connection that timed out (errno ETIMEDOUT, 110).
/// </summary>
/// <remarks>
/// Python's <c>TimeoutError</c> is an <c>OSError</c> subclass; this one derives from
/// <see cref="TimeoutException"/> (what .NET code catches for a timeout, and what it has derived from
/// since the first release), so <c>catch (OSError)</c> does not catch it: catch both where Python's
/// <c>except OSError</c> would meet a timeout. It takes OSError's arguments all the same:
/// <c>new TimeoutError(110, "Connection timed out")</c> prints <c>[Errno 110] Connection timed out</c>
/// and has <see cref="Errno"/>, <see cref="Strerror"/> and <see cref="Filename"/>.
/// </remarks>
public class TimeoutError : TimeoutException, IPyException, IPyStr
{
    private readonly OSErrorArgs _parsed;

    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public TimeoutError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause (Python's <c>raise TimeoutError from exc</c>).</summary>
    public TimeoutError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    internal TimeoutError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner)
    {
        _parsed = OSErrorArgs.Parse(args);
        Args = _parsed.Args;
    }

    /// <summary>Python's <c>raise TimeoutError from exc</c>: no arguments, <paramref name="cause"/> as the inner exception.</summary>
    internal static TimeoutError From(Exception? cause) => new(new PyTuple(), cause);

    /// <inheritdoc/>
    public PyTuple Args { get; }

    /// <summary>Mirrors <c>OSError.errno</c>: 110 (ETIMEDOUT) for a connection that timed out; null for asyncio's timeouts.</summary>
    public int? Errno => _parsed.Errno;

    /// <summary>Mirrors <c>OSError.strerror</c>: <c>Connection timed out</c> with <see cref="Errno"/>; null for asyncio's timeouts.</summary>
    public string? Strerror => _parsed.Strerror;

    /// <summary>Mirrors <c>OSError.filename</c>; null unless given.</summary>
    public object? Filename => _parsed.Filename;

    /// <summary>Python's <c>str(e)</c>: <c>[Errno 110] Connection timed out</c> for OSError's arguments.</summary>
    public override string Message => _parsed.HasErrno ? _parsed.Str() : base.Message;

    string IPyStr.Str() => _parsed.Str();
}
