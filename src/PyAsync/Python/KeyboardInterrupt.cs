namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>KeyboardInterrupt</c>: <see cref="Asyncio.Run(Coroutine, bool?, TimeProvider?, CancellationToken)"/>
/// and <see cref="Runner.Run(Coroutine, Context?, CancellationToken)"/> raise it when Ctrl+C (SIGINT)
/// cancelled the main task and the main task ended cancelled, as <c>asyncio.run</c> does.
/// </summary>
/// <remarks>
/// In Python it derives from <c>BaseException</c>, so <c>except Exception:</c> does not catch it; in C#
/// every exception is an <see cref="Exception"/>: port <c>except Exception:</c> as
/// <c>catch (Exception e) when (e is not KeyboardInterrupt and not CancelledError)</c> where it matters.
/// </remarks>
public class KeyboardInterrupt : Exception, IPyException
{
    /// <summary>Creates the exception with Python's <c>args</c>: <c>KeyboardInterrupt()</c>.</summary>
    public KeyboardInterrupt(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the exception with one message and the exception that caused it.</summary>
    public KeyboardInterrupt(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private KeyboardInterrupt(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
