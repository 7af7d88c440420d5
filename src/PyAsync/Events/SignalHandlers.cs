using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PyAsync;

/// <summary>
/// One loop's signal handlers: CPython's <c>_UnixSelectorEventLoop.add_signal_handler</c>,
/// <c>remove_signal_handler</c> and <c>_handle_signal</c>, on <see cref="PosixSignalRegistration"/>.
/// </summary>
/// <remarks>
/// .NET runs a registration's handler on a thread of its own. It posts the signal to the loop as an event,
/// which the loop takes in at the start of its next iteration, as CPython's selector reports the wakeup
/// fd; running there, it queues the handler's callback, which runs one iteration later, as CPython's
/// <c>_handle_signal</c> does with <c>_add_callback_signalsafe</c>. While a handler is registered, the
/// signal's default action (ending the process, for most) does not happen, as in CPython.
/// </remarks>
internal sealed class SignalHandlers(EventLoop loop, ThreadsafeInbox inbox)
{
    private readonly object _lock = new();
    private readonly Dictionary<int, (PosixSignalRegistration Registration, Action Callback, ExecutionContext? Context)> _handlers = new();

    /// <summary>Whether a handler is registered for <paramref name="signal"/> (any thread).</summary>
    public bool Has(int signal)
    {
        lock (_lock) return _handlers.ContainsKey(signal);
    }

    /// <summary>CPython's <c>add_signal_handler</c>, after the loop checked it is open.</summary>
    public void Add(int signal, Action callback, Delegate userCallback)
    {
        if (userCallback.Method.IsDefined(typeof(AsyncStateMachineAttribute), inherit: false))
            throw new TypeError("coroutines cannot be used with add_signal_handler()");
        CheckSignal(signal);
        var context = ExecutionContext.Capture();
        PosixSignalRegistration registration;
        try
        {
            registration = PosixSignalRegistration.Create((PosixSignal)signal, OnSignal);
        }
        catch (IOException)
        {
            // EINVAL from sigaction: SIGKILL and SIGSTOP (CPython: OSError EINVAL, raised as this).
            throw new RuntimeError($"sig {signal} cannot be caught");
        }
        catch (PlatformNotSupportedException e)
        {
            throw new NotImplementedException("add_signal_handler() is for Unix event loops.", e);
        }
        lock (_lock)
        {
            if (_handlers.Remove(signal, out var previous)) previous.Registration.Dispose();
            else SignalDelivery.HandlerAdded(signal);
            _handlers[signal] = (registration, callback, context);
        }
    }

    /// <summary>CPython's <c>remove_signal_handler</c>: whether a handler was registered.</summary>
    public bool Remove(int signal)
    {
        CheckSignal(signal);
        lock (_lock)
        {
            if (!_handlers.Remove(signal, out var handler)) return false;
            handler.Registration.Dispose();
            SignalDelivery.HandlerRemoved(signal);
            return true;
        }
    }

    /// <summary>The loop closes: every handler goes, as CPython's <c>close()</c> removes them.</summary>
    public void RemoveAll()
    {
        lock (_lock)
        {
            foreach (var (signal, handler) in _handlers)
            {
                handler.Registration.Dispose();
                SignalDelivery.HandlerRemoved(signal);
            }
            _handlers.Clear();
        }
    }

    // CPython's _check_signal.
    private static void CheckSignal(int signal)
    {
        if (!SignalDelivery.IsValid(signal) || signal is 32 or 33)
            throw new ValueError($"invalid signal number {signal}");
    }

    // On .NET's signal thread: the default action is cancelled, and the loop is told at its next iteration.
    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        int signal = (int)context.Signal;
        inbox.PostEvent(SignalArrived.Instance, new Arrival(this, signal));
        SignalDelivery.Delivered(signal);
    }

    // CPython's _handle_signal, on the loop's thread: the handler's callback runs one iteration later.
    private void Handle(int signal)
    {
        (PosixSignalRegistration Registration, Action Callback, ExecutionContext? Context) handler;
        lock (_lock)
        {
            if (!_handlers.TryGetValue(signal, out handler)) return; // removed meanwhile, as CPython's race
        }
        if (!loop.IsClosed()) loop.CallSoon(handler.Callback, handler.Context);
    }

    private sealed record Arrival(SignalHandlers Handlers, int Signal);

    private sealed class SignalArrived : IReadyCallback
    {
        public static readonly SignalArrived Instance = new();

        public void Run(object? arg)
        {
            var arrival = (Arrival)arg!;
            arrival.Handlers.Handle(arrival.Signal);
        }

        // CPython's reader callback for the wakeup fd: BaseSelectorEventLoop._read_from_self.
        public string Describe(object? arg) => "BaseSelectorEventLoop._read_from_self()";
    }
}
