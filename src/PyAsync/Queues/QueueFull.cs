namespace PyAsync;

/// <summary>
/// Raised by <see cref="PyQueue{T}.PutNowait"/> (CPython's <c>put_nowait()</c>) on a full queue.
/// Mirrors <c>asyncio.QueueFull</c>. It derives from <see cref="InvalidOperationException"/>, as the operation is not valid in the queue's current state.
/// </summary>
/// <remarks>CPython raises the class itself (<c>raise QueueFull</c>): no arguments, so <c>str(e)</c> is empty.</remarks>
[PyTypeName("asyncio.queues.QueueFull")]
public class QueueFull : InvalidOperationException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c> (none, as the queue raises it).</summary>
    public QueueFull(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public QueueFull(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private QueueFull(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
