namespace PyAsync;

/// <summary>
/// One spare big array per element type, held only by a weak reference: the array a loop's buffer gave
/// up after a burst (trimmed, or released when the loop closed), which the next burst, in this loop or
/// the next, takes back instead of allocating (and zeroing) a new one on the large-object heap.
/// </summary>
/// <remarks>
/// Why weak: the point of giving a burst's array up is that the memory returns (see <see cref="Capacity"/>).
/// A weakly held array does: the next full collection frees it, so after a collection nothing of a burst
/// stays, while a program that runs bursts back to back (a benchmark's rounds, a service's peaks) reuses
/// one array between collections. Invariants: an array handed to <see cref="Give"/> is all default (the
/// caller cleared what it used), so a taken array is as clean as a new one; at most one array per type is
/// kept, the longest offered; <see cref="Take"/> hands it out once. Buffers of any loop, on any thread,
/// share it, under a lock taken only when a buffer grows past or shrinks from its keep size.
/// </remarks>
internal static class SpareArray<T>
{
    private static readonly object s_lock = new();
    private static readonly WeakReference<T[]?> s_spare = new(null);

    /// <summary>The spare array if it has between <paramref name="minLength"/> and <paramref name="maxLength"/> slots (it is no longer spare), else null.</summary>
    public static T[]? Take(int minLength, int maxLength)
    {
        lock (s_lock)
        {
            if (!s_spare.TryGetTarget(out var spare) || spare is null || spare.Length < minLength || spare.Length > maxLength) return null;
            s_spare.SetTarget(null);
            return spare;
        }
    }

    /// <summary>Offers a cleared array as the spare; it is kept if no longer spare is.</summary>
    public static void Give(T[] array)
    {
        lock (s_lock)
        {
            if (s_spare.TryGetTarget(out var spare) && spare is not null && spare.Length >= array.Length) return;
            s_spare.SetTarget(array);
        }
    }
}
