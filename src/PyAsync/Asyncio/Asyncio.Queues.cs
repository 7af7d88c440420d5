namespace PyAsync;

public static partial class Asyncio
{
    // ---------------------------------------------------------------- queues

    /// <summary>Mirrors <c>asyncio.Queue(maxsize=0)</c>: a FIFO queue; see <see cref="PyQueue{T}"/>.</summary>
    /// <param name="maxsize">The number of items allowed in the queue; 0 or less means unbounded.</param>
    public static PyQueue<T> Queue<T>(int maxsize = 0) => new(maxsize);

    /// <summary>Mirrors <c>asyncio.PriorityQueue(maxsize=0)</c>: lowest item first, as <c>heapq</c> orders them; see <see cref="PyPriorityQueue{T}"/>.</summary>
    /// <param name="maxsize">The number of items allowed in the queue; 0 or less means unbounded.</param>
    public static PyPriorityQueue<T> PriorityQueue<T>(int maxsize = 0) => new(maxsize);

    /// <summary>Mirrors <c>asyncio.LifoQueue(maxsize=0)</c>: most recently added item first; see <see cref="PyLifoQueue{T}"/>.</summary>
    /// <param name="maxsize">The number of items allowed in the queue; 0 or less means unbounded.</param>
    public static PyLifoQueue<T> LifoQueue<T>(int maxsize = 0) => new(maxsize);

    /// <summary>
    /// Mirrors <c>asyncio.create_task(q.get())</c>: a task running the <c>Queue.get</c> coroutine, typed by
    /// the queue's items; see <see cref="CreateTask{T}(Coroutine{T}, string?, Context?)"/>.
    /// </summary>
    /// <exception cref="RuntimeError">No event loop is running on this thread.</exception>
    public static PyTask<T> CreateTask<T>(QueueGet<T> get, string? name = null, Context? context = null) =>
        CreateTask(get.AsCoroutine(), name, context);

    /// <summary>
    /// Mirrors <c>asyncio.wait_for(q.get(), timeout)</c>, typed by the queue's items; see
    /// <see cref="WaitFor{T}(IAwaitable{T}, double?)"/>.
    /// </summary>
    public static Coroutine<T> WaitFor<T>(QueueGet<T> get, double? timeout) => WaitFor(get.AsCoroutine(), timeout);

    /// <summary>Mirrors <c>asyncio.wait_for(q.put(item), timeout)</c>; see <see cref="WaitFor(IAwaitable, double?)"/>.</summary>
    public static Coroutine<object?> WaitFor<T>(QueuePut<T> put, double? timeout) => WaitFor(put.AsCoroutine(), timeout);
}
