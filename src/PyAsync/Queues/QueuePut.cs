using System.ComponentModel;
using System.Runtime.CompilerServices;
using PyAsync.CompilerServices;

namespace PyAsync
{
    /// <summary>
    /// What <see cref="PyQueue{T}.Put"/> returns: the call <c>q.put(item)</c>, which does its work when
    /// awaited. <c>await q.Put(x)</c> on a queue that is not full puts the item at once, without suspending
    /// and without allocating; on a full queue it runs CPython's <c>Queue.put()</c> coroutine, which waits
    /// (cancellably) for a free slot.
    /// </summary>
    /// <remarks>
    /// It converts implicitly to the result-less <see cref="Coroutine"/> object (<c>Queue.put</c>):
    /// <c>CreateTask(q.Put(x))</c>, <c>tg.CreateTask(q.Put(x))</c>, <c>WaitFor(q.Put(x), timeout)</c>. The
    /// differences from CPython's coroutine object are those of <see cref="QueueGet{T}"/>.
    /// </remarks>
    /// <typeparam name="T">The type of the queue's items.</typeparam>
    public readonly struct QueuePut<T>
    {
        private readonly PyQueue<T> _queue;
        private readonly T _item;

        internal QueuePut(PyQueue<T> queue, T item)
        {
            _queue = queue;
            _item = item;
        }

        /// <summary>Starts the put: puts the item at once if there is room, else runs the waiting coroutine inline in the current task.</summary>
        /// <exception cref="QueueShutDown">The queue was shut down.</exception>
        /// <exception cref="TypeError">A priority queue cannot compare the item.</exception>
        public QueuePutAwaiter GetAwaiter()
        {
            if (!_queue.Full())
            {
                _queue.PutNowait(_item);
                return default;
            }
            var coroutine = _queue.CreatePutCoroutine(_item);
            coroutine.GetAwaiter(); // starts it inline (or, outside any task, in a task of its own)
            return new QueuePutAwaiter(coroutine);
        }

        /// <summary>The coroutine object of <c>q.put(item)</c>: <c>&lt;coroutine object Queue.put at 0x...&gt;</c>.</summary>
        public Coroutine AsCoroutine() => _queue.CreatePutCoroutine(_item);

        /// <summary>The coroutine object of <c>q.put(item)</c>, for <c>CreateTask</c>, <c>WaitFor</c>, <c>Gather</c> and the like.</summary>
        public static implicit operator Coroutine(QueuePut<T> put) => put.AsCoroutine();

        /// <summary>A description of the call, <c>&lt;Queue.put() of &lt;Queue ...&gt;&gt;</c>.</summary>
        public override string ToString() => $"<Queue.put() of {_queue}>";
    }
}

namespace PyAsync.CompilerServices
{
    /// <summary>Awaits a <see cref="QueuePut{T}"/>. Used by the compiler.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct QueuePutAwaiter : ICriticalNotifyCompletion, ICoroutineAwaiter
    {
        // Null when the item was put at once; else the Queue.put() coroutine, started. The only field:
        // the coroutine builder reads it as the coroutine when IsCompleted is false.
        private readonly Coroutine? _coroutine;

        internal QueuePutAwaiter(Coroutine coroutine) => _coroutine = coroutine;

        /// <summary>Whether the item is in the queue (or the put failed).</summary>
        public bool IsCompleted => _coroutine is null || _coroutine.IsCompleted;

        /// <summary>Returns once the item is in the queue, or rethrows what the put raised.</summary>
        public void GetResult() => _coroutine?.ThrowIfFailedForAwait();

        /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the put.</summary>
        public void OnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask(_coroutine!), continuation);

        /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the put.</summary>
        public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask(_coroutine!), continuation);
    }
}
