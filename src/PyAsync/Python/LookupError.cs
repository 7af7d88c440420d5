namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>LookupError</c>, the base of <c>KeyError</c> and <c>IndexError</c>:
/// raised by <see cref="ContextVar{T}.Get()"/> for a variable with no value and no default.
/// </summary>
/// <remarks>
/// It derives from <see cref="KeyNotFoundException"/>, what a .NET developer catches for a missing
/// key, since Python's lookups that raise it are keyed lookups (<c>ContextVar.get()</c>, <c>dict[k]</c>).
/// </remarks>
public class LookupError : KeyNotFoundException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public LookupError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public LookupError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private protected LookupError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }

    /// <summary>Python's <c>str(e)</c>.</summary>
    public override string Message => PyRepr.ExceptionStr(this);
}
