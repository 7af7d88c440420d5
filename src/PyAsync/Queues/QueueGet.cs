using System.ComponentModel;
using System.Runtime.CompilerServices;
using PyAsync.CompilerServices;

namespace PyAsync
{
    /// <summary>
    /// What <see cref="PyQueue{T}.Get"/> returns: the call <c>q.get()</c>, which does its work when awaited.
    /// <c>await q.Get()</c> on a non-empty queue takes the item at once, without suspending and without
    /// allocating; on an empty queue it runs CPython's <c>Queue.get()</c> coroutine, which waits (cancellably)
    /// for an item.
    /// </summary>
    /// <remarks>
    /// <para>
    /// It converts implicitly to the <see cref="Coroutine{T}"/> object (<c>Queue.get</c>) wherever one is
    /// needed: <c>Coroutine&lt;int&gt; c = q.Get();</c>, <c>tg.CreateTask&lt;int&gt;(q.Get())</c>; and
    /// <c>Asyncio.CreateTask(q.Get())</c> and <c>Asyncio.WaitFor(q.Get(), timeout)</c> take it directly. For
    /// <c>Gather</c>, <c>Shield</c> or <c>EnsureFuture</c>, convert it: <c>(Coroutine&lt;int&gt;)q.Get()</c>.
    /// </para>
    /// <para>
    /// Differences from CPython's coroutine object: a <see cref="QueueGet{T}"/> that is never awaited is not
    /// reported (nothing was created); awaiting the same value twice gets two items where CPython raises
    /// <c>RuntimeError: cannot reuse already awaited coroutine</c> (each conversion to a coroutine is a new coroutine).
    /// </para>
    /// </remarks>
    /// <typeparam name="T">The type of the queue's items.</typeparam>
    public readonly struct QueueGet<T>
    {
        private readonly PyQueue<T> _queue;

        internal QueueGet(PyQueue<T> queue) => _queue = queue;

        /// <summary>Starts the get: takes an item at once if there is one, else runs the waiting coroutine inline in the current task.</summary>
        public QueueGetAwaiter<T> GetAwaiter()
        {
            if (!_queue.Empty()) return new QueueGetAwaiter<T>(_queue);
            var coroutine = _queue.CreateGetCoroutine();
            coroutine.GetAwaiter(); // starts it inline (or, outside any task, in a task of its own)
            return new QueueGetAwaiter<T>(coroutine);
        }

        /// <summary>The coroutine object of <c>q.get()</c>: <c>&lt;coroutine object Queue.get at 0x...&gt;</c>.</summary>
        public Coroutine<T> AsCoroutine() => _queue.CreateGetCoroutine();

        /// <summary>The coroutine object of <c>q.get()</c>, for <c>CreateTask</c>, <c>WaitFor</c>, <c>Gather</c> and the like.</summary>
        public static implicit operator Coroutine<T>(QueueGet<T> get) => get.AsCoroutine();

        /// <summary>A description of the call, <c>&lt;Queue.get() of &lt;Queue ...&gt;&gt;</c> (no coroutine object exists until it is awaited or converted).</summary>
        public override string ToString() => $"<Queue.get() of {_queue}>";
    }
}

namespace PyAsync.CompilerServices
{
    /// <summary>Awaits a <see cref="QueueGet{T}"/>. Used by the compiler.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct QueueGetAwaiter<T> : ICriticalNotifyCompletion, ICoroutineAwaiter
    {
        // The queue, when an item was ready (GetResult takes it), or the Queue.get() coroutine, started.
        // The only field: the coroutine builder reads it as the coroutine when IsCompleted is false.
        private readonly object _source;

        internal QueueGetAwaiter(object source) => _source = source;

        /// <summary>Whether the item can be had now.</summary>
        public bool IsCompleted => _source is not Coroutine<T> coroutine || coroutine.IsCompleted;

        /// <summary>The item, or what the get raised.</summary>
        public T GetResult() => _source is Coroutine<T> coroutine
            ? coroutine.GetResultForAwait()
            : Unchecked.As<PyQueue<T>>(_source).GetNowait(); // not a coroutine: the queue (see the constructor's callers)

        /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the get.</summary>
        public void OnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask((Coroutine)_source), continuation);

        /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the get.</summary>
        public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register(Suspension.DrivingTask((Coroutine)_source), continuation);
    }
}
