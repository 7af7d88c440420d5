namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>EOFError</c>: the input ended before the data asked for. asyncio's
/// <see cref="IncompleteReadError"/> derives from it, as in CPython.
/// </summary>
/// <remarks>
/// It derives from <see cref="Exception"/>, as Python's derives from <c>Exception</c>: .NET's
/// <see cref="EndOfStreamException"/> is an <see cref="IOException"/>, which stands for Python's
/// <c>OSError</c>, and <c>except OSError:</c> does not catch an <c>EOFError</c>.
/// </remarks>
public class EOFError : Exception, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public EOFError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public EOFError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private protected EOFError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
