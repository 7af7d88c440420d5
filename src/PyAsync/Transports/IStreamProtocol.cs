namespace PyAsync;

/// <summary>
/// CPython's <c>asyncio.Protocol</c> (asyncio/protocols.py), the callbacks a transport makes on its loop's
/// thread: <c>connection_made</c>, <c>data_received</c>, <c>eof_received</c>, <c>connection_lost</c>, and the
/// flow control of writing (<c>pause_writing</c>, <c>resume_writing</c>). <c>StreamReaderProtocol</c> is
/// the one PyAsync has.
/// </summary>
internal interface IStreamProtocol
{
    /// <summary>CPython's <c>connection_made(transport)</c>: the first call.</summary>
    void ConnectionMade(ITransport transport);

    /// <summary>CPython's <c>data_received(data)</c>. The span is valid during the call only.</summary>
    void DataReceived(ReadOnlySpan<byte> data);

    /// <summary>CPython's <c>eof_received()</c>: true keeps the transport open (for writing), false closes it.</summary>
    bool EofReceived();

    /// <summary>CPython's <c>connection_lost(exc)</c>: the last call; null for a normal close.</summary>
    void ConnectionLost(Exception? exception);

    /// <summary>CPython's <c>pause_writing()</c>: the transport's buffer went over the high water mark.</summary>
    void PauseWriting();

    /// <summary>CPython's <c>resume_writing()</c>: the buffer went down to the low water mark.</summary>
    void ResumeWriting();
}
