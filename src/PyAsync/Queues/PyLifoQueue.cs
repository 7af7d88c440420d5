namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.LifoQueue(maxsize=0)</c>: a <see cref="PyQueue{T}"/> that returns the most recently
/// added item first (a list used as a stack). Made by <c>LifoQueue&lt;T&gt;(maxsize)</c>.
/// </summary>
/// <typeparam name="T">The type of the items.</typeparam>
[PyTypeName("asyncio.queues.LifoQueue")]
public class PyLifoQueue<T> : PyQueue<T>
{
    /// <summary>Mirrors <c>asyncio.LifoQueue(maxsize=0)</c>; <paramref name="maxsize"/> of 0 or less means unbounded.</summary>
    public PyLifoQueue(int maxsize = 0) : base(maxsize, QueueOrder.Lifo) { }
}
