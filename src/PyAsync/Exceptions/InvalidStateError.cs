namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.InvalidStateError</c>: the operation is not allowed in the future's current
/// state (for example <c>result()</c> before it is done, or a second <c>set_result()</c>).
/// </summary>
[PyTypeName("asyncio.exceptions.InvalidStateError")]
public class InvalidStateError : InvalidOperationException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public InvalidStateError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public InvalidStateError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private InvalidStateError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
