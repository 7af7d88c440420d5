namespace PyAsync;

/// <summary>
/// Implemented by PyAsync's exceptions so that they carry Python's <c>args</c> tuple; a port's own
/// exception class (<c>class MyError(Exception)</c>) implements it to print as Python's does.
/// </summary>
/// <remarks>
/// Python exceptions keep their constructor arguments in <c>e.args</c>, and <c>str(e)</c> is
/// derived from them: <c>''</c> for no argument, <c>str(arg)</c> for one, the tuple's repr for
/// several. <see cref="Asyncio.Str"/> and <see cref="Asyncio.Repr"/> use <see cref="Args"/> the same way.
/// </remarks>
public interface IPyException
{
    /// <summary>Mirrors <c>BaseException.args</c>: the arguments the exception was created with.</summary>
    PyTuple Args { get; }
}

/// <summary>Shared plumbing for PyAsync's exception types (they derive from different .NET bases).</summary>
internal static class PyExceptionArgs
{
    /// <summary>Normalises the <c>params</c> array: <c>new X(null)</c> passes a null array, meaning <c>(None,)</c>.</summary>
    public static PyTuple From(object?[]? args) => args is null ? new PyTuple([null]) : new PyTuple(args);

    /// <summary>
    /// The message the .NET base constructor keeps. Python computes <c>str(e)</c> only when asked, so
    /// creating an exception whose argument's <c>str</c> raises must not throw: that message is then
    /// CPython's traceback placeholder, and <c>str(e)</c> still raises when asked.
    /// </summary>
    public static string InitialMessage(PyTuple args)
    {
        try
        {
            return Message(args);
        }
        catch (Exception)
        {
            return "<exception str() failed>";
        }
    }

    /// <summary>The .NET <see cref="Exception.Message"/> for these args: Python's <c>str(e)</c>.</summary>
    public static string Message(PyTuple args) => args.Count switch
    {
        0 => "",
        1 => Builtins.Str(args[0]),
        _ => Builtins.Repr(args),
    };
}
