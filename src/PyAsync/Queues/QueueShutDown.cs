namespace PyAsync;

/// <summary>
/// Raised when putting on to, or getting from, a queue that was shut down (<see cref="PyQueue{T}.Shutdown"/>); new in Python 3.13.
/// Mirrors <c>asyncio.QueueShutDown</c>. It derives from <see cref="InvalidOperationException"/>, as .NET's <c>ChannelClosedException</c> does.
/// </summary>
/// <remarks>CPython raises the class itself (<c>raise QueueShutDown</c>): no arguments, so <c>str(e)</c> is empty.</remarks>
[PyTypeName("asyncio.queues.QueueShutDown")]
public class QueueShutDown : InvalidOperationException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c> (none, as the queue raises it).</summary>
    public QueueShutDown(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and its cause.</summary>
    public QueueShutDown(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private QueueShutDown(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
