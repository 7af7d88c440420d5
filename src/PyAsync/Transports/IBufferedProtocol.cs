namespace PyAsync;

/// <summary>
/// CPython's <c>asyncio.BufferedProtocol</c> (asyncio/protocols.py): a protocol that lends the transport a buffer of
/// its own to receive into (<c>get_buffer</c>), then is told how many bytes arrived (<c>buffer_updated</c>), so
/// that the kernel copies received bytes straight into it instead of into the transport's buffer, to be copied again.
/// </summary>
/// <remarks>
/// PyAsync's <see cref="StreamReaderProtocol"/> implements it where CPython's does not: the reader's buffer is the
/// one lent, and the bytes, the size of each receive (256 KiB) and the calls that follow are those of
/// <c>data_received</c>. Unlike CPython's, <see cref="GetBuffer"/> may decline with an empty span (CPython raises
/// <c>RuntimeError</c>); the transport then receives into its own buffer and calls
/// <see cref="IStreamProtocol.DataReceived"/>.
/// </remarks>
internal interface IBufferedProtocol : IStreamProtocol
{
    /// <summary>
    /// CPython's <c>get_buffer(sizehint)</c>: a span of exactly <paramref name="sizeHint"/> bytes to receive into,
    /// valid until <see cref="BufferUpdated"/>, or an empty span to decline.
    /// </summary>
    Span<byte> GetBuffer(int sizeHint);

    /// <summary>CPython's <c>buffer_updated(nbytes)</c>: the first <paramref name="nbytes"/> bytes (more than 0) of the span hold new data.</summary>
    void BufferUpdated(int nbytes);
}
