namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.LimitOverrunError</c> (CPython's <c>asyncio/exceptions.py</c>): while looking
/// for a separator, <see cref="PyStreamReader.ReadUntil(byte[])"/> reached the reader's limit. The data stays
/// in the reader's buffer; <see cref="Consumed"/> says how many bytes to consume.
/// </summary>
/// <remarks>As in Python it derives from <see cref="Exception"/>, and its <c>args</c> are the message alone.
/// CPython's <c>__reduce__</c> (pickling) has no counterpart.</remarks>
[PyTypeName("asyncio.exceptions.LimitOverrunError")]
public class LimitOverrunError : Exception, IPyException
{
    /// <summary>Mirrors <c>LimitOverrunError(message, consumed)</c>.</summary>
    public LimitOverrunError(string? message, int consumed) : base(PyExceptionArgs.InitialMessage(new PyTuple([message])))
    {
        Args = new PyTuple([message]);
        Consumed = consumed;
    }

    /// <summary>Mirrors <c>e.consumed</c>: the number of bytes to be consumed.</summary>
    public int Consumed { get; }

    /// <inheritdoc/>
    public PyTuple Args { get; }
}
