namespace PyAsync;

/// <summary>
/// CPython's <c>heapq.heappush</c> and <c>heapq.heappop</c> (the C versions in
/// <c>Modules/_heapqmodule.c</c>) over the first <c>count</c> slots of an array: the same comparisons,
/// in the same order, with Python's <c>&lt;</c> only (<see cref="PyComparer{T}"/>), so that items whose
/// keys tie come out in the order Python gives them.
/// </summary>
/// <remarks>
/// As in C, sifting swaps an item with its parent or child one step at a time, so a comparison that
/// raises <see cref="TypeError"/> leaves the heap holding every item (possibly out of heap order):
/// <see cref="SiftPushed"/> keeps the new item, and <see cref="Pop"/> loses only the item it was returning,
/// exactly as <c>heapq</c> does.
/// </remarks>
internal static class HeapQ<T>
{
    /// <summary><c>heappush(heap, item)</c> after the item was appended at <c>heap[count - 1]</c>.</summary>
    /// <exception cref="TypeError">Two items cannot be compared with <c>&lt;</c>.</exception>
    public static void SiftPushed(T[] heap, int count) => SiftDown(heap, 0, count - 1);

    /// <summary><c>heappop(heap)</c> of a non-empty heap of <paramref name="count"/> items; <paramref name="count"/> goes down by one, even if a comparison raises.</summary>
    /// <exception cref="TypeError">Two items cannot be compared with <c>&lt;</c>.</exception>
    public static T Pop(T[] heap, ref int count)
    {
        int n = --count;
        T last = heap[n];
        heap[n] = default!;
        if (n == 0) return last;
        T result = heap[0];
        heap[0] = last;
        SiftUp(heap, n, 0);
        return result;
    }

    // _heapqmodule.c siftdown: follow the path to the root, moving parents down until newitem fits.
    private static void SiftDown(T[] heap, int startPos, int pos)
    {
        var lessThan = PyComparer<T>.LessThan;
        while (pos > startPos)
        {
            int parentPos = (pos - 1) >> 1;
            if (!lessThan(heap[pos], heap[parentPos])) break;
            (heap[parentPos], heap[pos]) = (heap[pos], heap[parentPos]);
            pos = parentPos;
        }
    }

    // _heapqmodule.c siftup: bubble the smaller child up until hitting a leaf, then sift the item down.
    private static void SiftUp(T[] heap, int endPos, int pos)
    {
        var lessThan = PyComparer<T>.LessThan;
        int startPos = pos;
        int limit = endPos >> 1; // the smallest position that has no child
        while (pos < limit)
        {
            int childPos = 2 * pos + 1;
            if (childPos + 1 < endPos && !lessThan(heap[childPos], heap[childPos + 1])) childPos++;
            (heap[childPos], heap[pos]) = (heap[pos], heap[childPos]);
            pos = childPos;
        }
        SiftDown(heap, startPos, pos);
    }
}
