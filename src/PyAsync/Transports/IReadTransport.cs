namespace PyAsync;

/// <summary>
/// What a <c>PyStreamReader</c> needs of its transport: CPython's <c>ReadTransport</c>'s
/// <c>pause_reading()</c> and <c>resume_reading()</c>, which the reader calls for flow control
/// (<c>feed_data</c> pauses when the buffer exceeds twice the limit; <c>_maybe_resume_transport</c> and
/// <c>_wait_for_data</c> resume). The seam the socket and pipe transports plug into.
/// </summary>
/// <remarks>
/// A transport that cannot pause throws <see cref="NotImplementedException"/> from
/// <see cref="PauseReading"/> (CPython's <c>NotImplementedError</c>): the reader then forgets it and
/// buffers everything. The reader's repr shows the transport's <see cref="object.ToString"/>.
/// </remarks>
internal interface IReadTransport
{
    /// <summary>CPython's <c>transport.pause_reading()</c>: stop delivering data until resumed.</summary>
    void PauseReading();

    /// <summary>CPython's <c>transport.resume_reading()</c>: deliver data again.</summary>
    void ResumeReading();
}
