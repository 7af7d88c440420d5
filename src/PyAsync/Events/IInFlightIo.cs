namespace PyAsync;

/// <summary>
/// Something of a loop that I/O may be on its way to, which will arrive without the loop's help: a
/// transport whose peer, a socket of this process, sent bytes or its end that the transport has not
/// received yet; a listening socket a client of this process connected to, not accepted yet. A virtual
/// clock does not jump while any is in flight (<see cref="OutsideWork.WaitsOnIo"/>).
/// </summary>
internal interface IInFlightIo
{
    /// <summary>Whether I/O is on its way and will be taken in once it arrives (false while reading is paused). Read on the loop's thread.</summary>
    bool InFlight { get; }

    /// <summary>The loop is closing with this still open: close it (a transport warns first, as CPython's collector does).</summary>
    void LoopClosed();
}
