namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.CancelledError</c>: raised at the <c>await</c> where a cancelled task or
/// future is waited on.
/// </summary>
/// <remarks>
/// In Python it derives from <c>BaseException</c>, so <c>except Exception:</c> does not catch it. In C#
/// every exception is an <see cref="Exception"/>; port <c>except Exception as e:</c> as
/// <c>catch (Exception e) when (e is not CancelledError)</c>. It derives from
/// <see cref="OperationCanceledException"/> so .NET code that handles cancellation recognises it.
/// </remarks>
[PyTypeName("asyncio.exceptions.CancelledError")]
public class CancelledError : OperationCanceledException, IPyException
{
    /// <summary>Creates the error with Python's <c>args</c>: <c>CancelledError()</c>, <c>CancelledError("msg")</c>.</summary>
    public CancelledError(params object?[]? args) : this(PyExceptionArgs.From(args), null) { }

    /// <summary>Creates the error with one message and the exception that caused it (Python's <c>raise ... from</c>).</summary>
    public CancelledError(string? message, Exception? innerException) : this(new PyTuple([message]), innerException) { }

    private CancelledError(PyTuple args, Exception? inner) : base(PyExceptionArgs.InitialMessage(args), inner) => Args = args;

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
