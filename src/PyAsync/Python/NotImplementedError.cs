namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>NotImplementedError</c> (a <see cref="RuntimeError"/>), which asyncio raises for
/// what an event loop does not support: PyAsync's subprocesses on a platform other than Linux and macOS.
/// </summary>
public class NotImplementedError : RuntimeError
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public NotImplementedError(params object?[]? args) : base(args) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public NotImplementedError(string? message, Exception? innerException) : base(message, innerException) { }
}
