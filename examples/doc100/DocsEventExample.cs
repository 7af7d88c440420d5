// The Python documentation's Event example (asyncio-sync.html, "Event"): a task waits for an event
// that main sets a second later. The example also prints the event's repr as it changes, and shows
// that a set event lets later waiters through at once until it is cleared.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 2, "docs_event", Title = "the docs' Event example: wait, set, clear, is_set")]
public static class DocsEventExample
{
    static async Coroutine Waiter(Event @event)
    {
        Print("waiting for it ...");
        await @event.Wait();
        Print("... got it!");
    }

    static async Coroutine Main()
    {
        // Create an Event object.
        var @event = Event();
        Print(@event);

        // Spawn a Task to wait until 'event' is set.
        var waiterTask = CreateTask(Waiter(@event));

        // Sleep for 1 second and set the event.
        await Sleep(1);
        Print(@event);
        @event.Set();
        Print(@event);

        // Wait until the waiter task is finished.
        await waiterTask;

        // A set event lets every later waiter through at once, until it is cleared.
        await @event.Wait();
        Print("is_set:", @event.IsSet());
        @event.Clear();
        Print("is_set:", @event.IsSet());
    }

    public static void Entry() => Run(Main());
}
