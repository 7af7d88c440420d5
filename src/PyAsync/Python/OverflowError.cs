namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>OverflowError</c>, which a socket address raises for a port outside 0-65535
/// (<c>getsockaddrarg: port must be 0-65535.</c>). It derives from <see cref="ArgumentOutOfRangeException"/>.
/// </summary>
public class OverflowError : ArgumentOutOfRangeException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public OverflowError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public OverflowError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private protected OverflowError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }

    /// <summary>Python's <c>str(e)</c>; .NET's <see cref="ArgumentOutOfRangeException"/> would append the parameter name.</summary>
    public override string Message => PyExceptionArgs.Message(Args);
}
