namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>AttributeError</c>: raised where CPython's code reaches for an attribute of
/// <c>None</c>, as <c>proc.communicate(input)</c> does for a child started without <c>stdin=PIPE</c>
/// (<c>'NoneType' object has no attribute 'write'</c>). It derives from <see cref="InvalidOperationException"/>:
/// the call is not valid for the object's state.
/// </summary>
public class AttributeError : InvalidOperationException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public AttributeError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public AttributeError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private AttributeError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
