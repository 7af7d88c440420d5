namespace PyAsync;

/// <summary>
/// Raised by <see cref="PyQueue{T}.GetNowait"/> (CPython's <c>get_nowait()</c>) on an empty queue.
/// Mirrors <c>asyncio.QueueEmpty</c>. It derives from <see cref="InvalidOperationException"/>, which .NET's own <c>Queue&lt;T&gt;.Dequeue</c> throws on an empty queue.
/// </summary>
/// <remarks>CPython raises the class itself (<c>raise QueueEmpty</c>): no arguments, so <c>str(e)</c> is empty.</remarks>
[PyTypeName("asyncio.queues.QueueEmpty")]
public class QueueEmpty : InvalidOperationException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c> (none, as the queue raises it).</summary>
    public QueueEmpty(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public QueueEmpty(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private QueueEmpty(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
