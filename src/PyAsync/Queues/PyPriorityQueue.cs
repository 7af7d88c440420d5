namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.PriorityQueue(maxsize=0)</c>: a <see cref="PyQueue{T}"/> that returns the lowest
/// item first, kept as CPython's <c>heapq</c> keeps it. Made by <c>PriorityQueue&lt;T&gt;(maxsize)</c>;
/// items are typically tuples of the form <c>(priority, data)</c>: <c>await q.Put((1, "a"))</c>.
/// </summary>
/// <remarks>
/// Items are compared with Python's <c>&lt;</c> (<see cref="PyOperators.LessThan"/>), with
/// <c>heapq</c>'s sift algorithm (the same comparisons in the same order), so items with equal
/// priorities come out in the order CPython gives them, tuples with equal first items compare their next
/// items, and items that cannot be compared raise <see cref="TypeError"/>
/// (<c>'&lt;' not supported between instances of 'Job' and 'Job'</c>) from <c>Put</c>, <c>PutNowait</c>,
/// <c>Get</c> or <c>GetNowait</c>, leaving the queue as CPython leaves it: a put keeps its item, a get
/// loses the item it was returning. Value tuples of two or three items, numbers and strings are
/// compared without boxing.
/// </remarks>
/// <typeparam name="T">The type of the items.</typeparam>
[PyTypeName("asyncio.queues.PriorityQueue")]
public class PyPriorityQueue<T> : PyQueue<T>
{
    /// <summary>Mirrors <c>asyncio.PriorityQueue(maxsize=0)</c>; <paramref name="maxsize"/> of 0 or less means unbounded.</summary>
    public PyPriorityQueue(int maxsize = 0) : base(maxsize, QueueOrder.Priority) { }
}
