// A signal handled by the event loop: loop.add_signal_handler for SIGUSR1, the program sends the signal
// to itself with os.kill(os.getpid(), ...), and the handler runs on the loop (not at once: os.kill has
// returned and main goes on until it awaits), then sets an event main waits for. remove_signal_handler
// says whether there was a handler. The pid is never printed.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 13, "signal_handler", Title = "add_signal_handler(SIGUSR1), os.kill to itself, remove_signal_handler")]
public static class SignalHandlerExample
{
    static void Handler(Event @event)
    {
        Print("got SIGUSR1");
        @event.Set();
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var @event = Event();
        loop.AddSignalHandler(Signal.SIGUSR1, Handler, @event);

        Print("sending SIGUSR1 to myself");
        Os.Kill(Os.Getpid(), Signal.SIGUSR1);
        Print("os.kill returned; the handler has not run yet");
        await @event.Wait();
        Print("main saw the event");

        Print("removed:", loop.RemoveSignalHandler(Signal.SIGUSR1));
        Print("removed again:", loop.RemoveSignalHandler(Signal.SIGUSR1));
    }

    public static void Entry() => Run(Main());
}
