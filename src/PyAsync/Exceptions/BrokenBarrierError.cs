namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.BrokenBarrierError</c> (CPython's <c>asyncio/exceptions.py</c>): a
/// <see cref="PyBarrier"/> was aborted or reset while a task waited on it, or is broken when a task
/// starts waiting. As in Python it derives from <see cref="RuntimeError"/>.
/// </summary>
[PyTypeName("asyncio.exceptions.BrokenBarrierError")]
public class BrokenBarrierError : RuntimeError
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public BrokenBarrierError(params object?[]? args) : base(args) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public BrokenBarrierError(string? message, Exception? innerException) : base(message, innerException) { }
}
