namespace PyAsync;

/// <summary>
/// Which signals this process handles (an event loop's <c>AddSignalHandler</c>) and how many of each
/// reached a handler, so that <see cref="Os.Kill"/> of the process itself returns once the signal was
/// handed to the loop, as CPython's C-level handler has written it to the loop's wakeup fd when
/// <c>os.kill</c> returns. .NET delivers signals on a thread of its own, a moment later.
/// </summary>
internal static class SignalDelivery
{
    private const int MaxSignal = 64;
    private static readonly int[] s_handlers = new int[MaxSignal + 1];
    private static readonly long[] s_delivered = new long[MaxSignal + 1];
    private static readonly object s_lock = new();

    /// <summary>How long <see cref="Os.Kill"/> waits at most for the process's own signal to arrive.</summary>
    public static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(2);

    /// <summary>Whether <paramref name="signal"/> is a number this process may handle.</summary>
    public static bool IsValid(int signal) => signal is >= 1 and <= MaxSignal;

    /// <summary>A handler for <paramref name="signal"/> was registered.</summary>
    public static void HandlerAdded(int signal) => Interlocked.Increment(ref s_handlers[signal]);

    /// <summary>A handler for <paramref name="signal"/> was removed.</summary>
    public static void HandlerRemoved(int signal) => Interlocked.Decrement(ref s_handlers[signal]);

    /// <summary>Whether a handler is registered for <paramref name="signal"/>.</summary>
    public static bool IsHandled(int signal) => IsValid(signal) && Volatile.Read(ref s_handlers[signal]) > 0;

    /// <summary>How many times <paramref name="signal"/> reached a handler.</summary>
    public static long Count(int signal) => Interlocked.Read(ref s_delivered[signal]);

    /// <summary>A handler saw <paramref name="signal"/> and handed it to its loop.</summary>
    public static void Delivered(int signal)
    {
        Interlocked.Increment(ref s_delivered[signal]);
        lock (s_lock) Monitor.PulseAll(s_lock);
    }

    /// <summary>Waits until <paramref name="signal"/> was delivered more than <paramref name="before"/> times, or <see cref="DeliveryWait"/> passed.</summary>
    public static void WaitForDelivery(int signal, long before)
    {
        var deadline = DateTime.UtcNow + DeliveryWait;
        lock (s_lock)
        {
            while (Count(signal) == before)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(s_lock, left)) return;
            }
        }
    }
}
