namespace PyAsync;

/// <summary>
/// CPython's <c>WriteTransport</c> (asyncio/transports.py) as <c>PyStreamWriter</c> uses it: writes that
/// never block (what the socket does not take at once is buffered), the end of writing, closing, and the write
/// buffer's high and low water marks that pause and resume the protocol (<see cref="IStreamProtocol.PauseWriting"/>).
/// </summary>
internal interface IWriteTransport
{
    /// <summary>CPython's <c>transport.write(data)</c>.</summary>
    /// <exception cref="RuntimeError">After <see cref="WriteEof"/> ("Cannot call write() after write_eof()").</exception>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>CPython's <c>transport.write_eof()</c>: close the write end once the buffer is flushed.</summary>
    void WriteEof();

    /// <summary>CPython's <c>transport.can_write_eof()</c>.</summary>
    bool CanWriteEof();

    /// <summary>CPython's <c>transport.close()</c>: flush the buffer, then close; the protocol's connection is lost afterwards.</summary>
    void Close();

    /// <summary>CPython's <c>transport.is_closing()</c>.</summary>
    bool IsClosing();

    /// <summary>CPython's <c>transport.abort()</c>: close now, dropping the buffer.</summary>
    void Abort();

    /// <summary>CPython's <c>transport.get_extra_info(name, default)</c>.</summary>
    object? GetExtraInfo(string name, object? @default = null);

    /// <summary>CPython's <c>transport.get_write_buffer_size()</c>.</summary>
    int GetWriteBufferSize();

    /// <summary>CPython's <c>transport.get_write_buffer_limits()</c>: (low, high).</summary>
    (int Low, int High) GetWriteBufferLimits();

    /// <summary>CPython's <c>transport.set_write_buffer_limits(high, low)</c>.</summary>
    /// <exception cref="ValueError">Not <c>high &gt;= low &gt;= 0</c>.</exception>
    void SetWriteBufferLimits(int? high = null, int? low = null);
}

/// <summary>CPython's <c>Transport</c>: both directions of a connection.</summary>
internal interface ITransport : IReadTransport, IWriteTransport
{
}
