namespace PyAsync;

/// <summary>
/// A socket of a loop that I/O arrives at without the loop's help: a transport's connected socket, a server's
/// listening socket. Before a virtual clock jumps, the loop asks each whether something is there already, as
/// CPython's <c>select(0)</c> would report it (<see cref="OutsideWork.WaitsOnIo"/>): if so the clock does not jump,
/// and the source takes it in.
/// </summary>
internal interface IInFlightIo
{
    /// <summary>
    /// Whether I/O has arrived (data, the end of a stream, a connection) that the source will take in; if .NET has
    /// not told the loop yet, the source posts its own event for it now (.NET's completions go through the thread
    /// pool, which can keep them for a second on a loaded machine). Called on the loop's thread.
    /// </summary>
    bool TakeInReady();

    /// <summary>The loop is closing with this still open: close it (a transport warns first, as CPython's collector does).</summary>
    void LoopClosed();
}
