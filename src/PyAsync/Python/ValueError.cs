namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>ValueError</c>, which asyncio raises for bad argument values
/// (for example <c>wait([])</c>). It derives from <see cref="ArgumentException"/>.
/// </summary>
public class ValueError : ArgumentException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public ValueError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public ValueError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private protected ValueError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }

    /// <summary>Python's <c>str(e)</c>; .NET's <see cref="ArgumentException"/> would append the parameter name.</summary>
    public override string Message => PyExceptionArgs.Message(Args);
}
