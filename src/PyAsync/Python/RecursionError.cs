namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>RecursionError</c> (a <see cref="RuntimeError"/>): raised at an
/// <c>await</c> of a coroutine when the chain of coroutines awaiting each other inline is too deep to
/// start one more, with CPython's message <c>maximum recursion depth exceeded</c>.
/// </summary>
/// <remarks>
/// CPython raises it past <c>sys.getrecursionlimit()</c> frames (1000 by default); PyAsync raises it
/// when the thread's stack is nearly used up
/// (<see cref="System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack"/>), so
/// the depth it allows depends on the thread's stack size, not on a frame count.
/// </remarks>
public class RecursionError : RuntimeError
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public RecursionError(params object?[]? args) : base(args) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public RecursionError(string? message, Exception? innerException) : base(message, innerException) { }
}
