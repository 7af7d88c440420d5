namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>KeyError</c> (a <see cref="LookupError"/>): raised by a
/// <see cref="Context"/>'s indexer for a variable that has no value in it. As in Python, its
/// <c>str()</c> with one argument is the argument's <c>repr()</c>.
/// </summary>
public class KeyError : LookupError
{
    /// <summary>Creates the error with Python's <c>args</c> (usually the missing key).</summary>
    public KeyError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }
}
