namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>TypeError</c>, which asyncio raises for arguments of the wrong kind
/// (for example <c>wait()</c> given bare coroutines). It derives from <see cref="ArgumentException"/>.
/// </summary>
public class TypeError : ArgumentException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public TypeError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public TypeError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private TypeError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }

    /// <summary>Python's <c>str(e)</c>; .NET's <see cref="ArgumentException"/> would append the parameter name.</summary>
    public override string Message => PyExceptionArgs.Message(Args);
}
