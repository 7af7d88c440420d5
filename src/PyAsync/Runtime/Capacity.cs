using System.Numerics;

namespace PyAsync;

/// <summary>
/// How the loop's growable buffers (timer heap, pending tasks, thread-safe inbox) give memory back
/// after a burst: CPython's deque and list shrink as they empty; an array that only doubles would hold
/// a burst's high-water mark for the rest of the loop's life. (The ready queue needs no policy: it is
/// a chain of small segments that it drops as it drains, as CPython's deque drops its blocks.)
/// </summary>
/// <remarks>
/// The loop calls each buffer's <c>Trim</c> at trim points: every <see cref="TrimInterval"/>
/// iterations, and each time it is about to wait (jump the virtual clock, or sleep on a real one).
/// A buffer keeps the largest size it saw since the previous trim point (its peak, noted once per
/// iteration or when it is drained, never per item). At a trim point it shrinks only if that peak
/// used at most a sixteenth of its capacity, to twice the peak rounded up to a power of two and never
/// below its keep size; then the peak starts over at the current size. So a burst is given back at
/// the second trim point after it ended, and a steady load, whose peak stays high, never shrinks and
/// regrows. While a buffer is above its keep size and small enough now to shrink, the loop waits at
/// most <see cref="PendingTrimWait"/> at a time on a real clock, so an idle loop reaches that second
/// point within a bounded time (a wake-up that runs nothing; CPython's selector would not wake). A
/// heap that is big because many timers are pending does not make the loop wake.
/// </remarks>
internal static class Capacity
{
    /// <summary>Iterations between two trim points of a loop that never waits.</summary>
    public const int TrimInterval = 4096;

    /// <summary>
    /// A buffer shrinks only when its peak used at most this fraction of it: a buffer that drains slowly
    /// (the timer heap after a burst of timers) then reallocates two or three times, not at every halving.
    /// </summary>
    public const int ShrinkFactor = 16;

    /// <summary>The longest real wait, in seconds, while a buffer is still above its keep size.</summary>
    public const double PendingTrimWait = 1.0;

    /// <summary>
    /// The capacity a buffer of <paramref name="capacity"/> slots should shrink to, given the peak
    /// since the last trim point, or <paramref name="capacity"/> itself when it should stay.
    /// </summary>
    public static int Trimmed(int capacity, int peak, int keep)
    {
        if (capacity <= keep || (long)peak * ShrinkFactor > capacity) return capacity;
        int wanted = peak <= keep / 2 ? keep : (int)BitOperations.RoundUpToPowerOf2((uint)peak * 2);
        return Math.Min(capacity, Math.Max(keep, wanted));
    }
}

/// <summary>The largest size a buffer had since the last trim point (see <see cref="Capacity"/>).</summary>
internal struct PeakSize
{
    private int _value;

    /// <summary>Notes a size the buffer had (once per loop iteration, or per drain).</summary>
    public void Note(int size)
    {
        if (size > _value) _value = size;
    }

    /// <summary>
    /// A trim point: the capacity a buffer of <paramref name="capacity"/> slots holding
    /// <paramref name="size"/> items should have now; the peak then starts over at <paramref name="size"/>.
    /// </summary>
    public int Trim(int capacity, int size, int keep)
    {
        Note(size);
        int trimmed = Capacity.Trimmed(capacity, _value, keep);
        _value = size;
        return trimmed;
    }
}
