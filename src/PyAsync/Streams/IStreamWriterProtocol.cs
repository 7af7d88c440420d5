namespace PyAsync;

/// <summary>
/// What a <see cref="PyStreamWriter"/> asks of its protocol, as CPython's <c>StreamWriter</c> does:
/// <c>_drain_helper()</c> for <c>drain()</c> and <c>_get_close_waiter(stream)</c> for <c>wait_closed()</c>.
/// </summary>
internal interface IStreamWriterProtocol
{
    /// <summary>CPython's <c>_drain_helper()</c> (see <see cref="FlowControl.DrainHelper"/>).</summary>
    Coroutine DrainHelper();

    /// <summary>CPython's <c>_get_close_waiter(stream)</c>: the future that ends when <paramref name="writer"/>'s transport is closed.</summary>
    Future<NoneType> GetCloseWaiter(PyStreamWriter writer);
}
