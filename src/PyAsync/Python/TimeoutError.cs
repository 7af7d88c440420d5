namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>TimeoutError</c> (which <c>asyncio.TimeoutError</c> is an alias of
/// since 3.11): raised by <c>wait_for</c> and <c>timeout()</c> when the deadline passes.
/// </summary>
public class TimeoutError : TimeoutException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public TimeoutError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause (Python's <c>raise TimeoutError from exc</c>).</summary>
    public TimeoutError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private TimeoutError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <summary>Python's <c>raise TimeoutError from exc</c>: no arguments, <paramref name="cause"/> as the inner exception.</summary>
    internal static TimeoutError From(Exception? cause) => new(new PyTuple(), cause);

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
