namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>IndexError</c> (a <see cref="LookupError"/>): raised by
/// <see cref="PyRandom.Choice{T}(IReadOnlyList{T})"/> for an empty sequence, as <c>random.choice([])</c> does.
/// </summary>
/// <remarks>
/// Like every <see cref="LookupError"/> it derives from <see cref="KeyNotFoundException"/>, not from
/// .NET's <see cref="IndexOutOfRangeException"/> (which is sealed).
/// </remarks>
public class IndexError : LookupError
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public IndexError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }
}
