namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>RuntimeError</c>, which asyncio raises for misuse: no running event
/// loop, a loop that is already running, a coroutine awaited twice, and so on.
/// </summary>
public class RuntimeError : InvalidOperationException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public RuntimeError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public RuntimeError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private RuntimeError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
