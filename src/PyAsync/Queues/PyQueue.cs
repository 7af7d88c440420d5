using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Queue(maxsize=0)</c> with CPython 3.13's semantics: a FIFO queue for coordinating
/// producer and consumer coroutines on one event loop. Made by <c>Queue&lt;T&gt;(maxsize)</c>; named
/// <c>PyQueue</c> because <c>System.Collections.Generic.Queue&lt;T&gt;</c> takes the name.
/// </summary>
/// <remarks>
/// <para>
/// A <c>maxsize</c> of 0 or less means unbounded; otherwise <see cref="Put"/> waits while
/// <see cref="Full"/>. Waiting getters and putters are futures in FIFO deques, woken one at a time
/// (CPython's <c>_getters</c>, <c>_putters</c> and <c>_wakeup_next</c>): a getter cancelled after an item
/// was put for it passes the wake-up on, so no item is lost and no waiter is left behind.
/// </para>
/// <para>
/// <see cref="Get"/> and <see cref="Put"/> return lazy awaitables (<see cref="QueueGet{T}"/>,
/// <see cref="QueuePut{T}"/>) that do their work when awaited and convert to CPython's coroutine objects
/// (<c>Queue.get</c>, <c>Queue.put</c>) for <c>CreateTask</c>, <c>WaitFor</c> and the like;
/// <see cref="Join"/> returns the coroutine object. Awaiting <c>Get()</c> on a non-empty queue, or
/// <c>Put(x)</c> on a non-full one, finishes without suspending and without allocating, as CPython's
/// coroutine returns without yielding: it is not a point where a pending cancellation is delivered, and
/// no other task runs in between.
/// </para>
/// <para>
/// Single-threaded, as asyncio's queue is: use it from the loop's thread only (hand items over from
/// other threads with <c>loop.CallSoonThreadsafe(() =&gt; q.PutNowait(x))</c>). Items are kept in a ring
/// buffer that grows by doubling and is not shrunk. The queue binds itself to the first running loop
/// that waits on it, as CPython's <c>_LoopBoundMixin</c> does.
/// </para>
/// <para>
/// Differences from CPython: <c>maxsize</c> is an <c>int</c> (Python also accepts a float, compared with
/// the size); <c>str()</c> and <c>repr()</c> are <c>Str(q)</c> and <c>q.ToString()</c>; the item storage
/// (<c>_queue</c>) and the overridable <c>_init</c>/<c>_get</c>/<c>_put</c> are not exposed: the three
/// orders are this class, <see cref="PyLifoQueue{T}"/> and <see cref="PyPriorityQueue{T}"/>.
/// </para>
/// </remarks>
/// <typeparam name="T">The type of the items.</typeparam>
[PyTypeName("asyncio.queues.Queue")]
[DebuggerDisplay("{ToString(),nq}")]
public class PyQueue<T> : IPyStr
{
    private readonly int _maxsize;
    private readonly QueueOrder _order;
    // The items: a ring buffer of _count slots from _head (FIFO); a list in [0, _count) for the LIFO
    // stack and the priority heap (_head stays 0). Slots outside the live range are default.
    private T[] _items = [];
    private int _head;
    private int _count;
    private WaiterDeque _getters;
    private WaiterDeque _putters;
    private int _unfinishedTasks;
    // The _finished event (an asyncio.Event in CPython): set while no task is unfinished, and the
    // futures of the join() calls waiting for it.
    private bool _finished = true;
    private WaiterDeque _finishedWaiters;
    private bool _isShutdown;
    private EventLoop? _loop;

    /// <summary>Mirrors <c>asyncio.Queue(maxsize=0)</c>; <paramref name="maxsize"/> of 0 or less means unbounded.</summary>
    public PyQueue(int maxsize = 0) : this(maxsize, QueueOrder.Fifo) { }

    private protected PyQueue(int maxsize, QueueOrder order)
    {
        _maxsize = maxsize;
        _order = order;
    }

    /// <summary>Mirrors the <c>maxsize</c> attribute: the number of items allowed in the queue (0 or less: unbounded).</summary>
    public int Maxsize => _maxsize;

    /// <summary>Mirrors <c>qsize()</c>: the number of items in the queue.</summary>
    public int QSize() => _count;

    /// <summary>Mirrors <c>empty()</c>: whether the queue holds no item.</summary>
    public bool Empty() => _count == 0;

    /// <summary>Mirrors <c>full()</c>: whether the queue holds <see cref="Maxsize"/> items; never for an unbounded queue.</summary>
    public bool Full() => _maxsize > 0 && _count >= _maxsize;

    /// <summary>
    /// Mirrors <c>put(item)</c>: puts <paramref name="item"/> into the queue when awaited, first waiting
    /// (cancellably) for a free slot while the queue is full. Converts to the coroutine object (see <see cref="QueuePut{T}"/>).
    /// </summary>
    /// <remarks>
    /// Awaiting it raises <see cref="QueueShutDown"/> if the queue was shut down, and
    /// <see cref="TypeError"/> if a <see cref="PyPriorityQueue{T}"/> cannot compare the item.
    /// </remarks>
    public QueuePut<T> Put(T item) => new(this, item);

    /// <summary>Mirrors <c>put_nowait(item)</c>: puts <paramref name="item"/> into the queue without waiting.</summary>
    /// <exception cref="QueueShutDown">The queue was shut down (3.13).</exception>
    /// <exception cref="QueueFull">No free slot is available.</exception>
    /// <exception cref="TypeError">A <see cref="PyPriorityQueue{T}"/> cannot compare the item with another
    /// (it stays in the queue all the same, as with CPython's <c>heappush</c>).</exception>
    public void PutNowait(T item)
    {
        if (_isShutdown) throw new QueueShutDown();
        if (Full()) throw new QueueFull();
        PutItem(item);
        _unfinishedTasks++;
        _finished = false;
        WakeupNext(ref _getters);
    }

    /// <summary>
    /// Mirrors <c>get()</c>: removes and returns an item when awaited, first waiting (cancellably) while
    /// the queue is empty. A getter cancelled after being woken wakes the next one, so no item is lost.
    /// Converts to the coroutine object (see <see cref="QueueGet{T}"/>).
    /// </summary>
    /// <remarks>
    /// Awaiting it raises <see cref="QueueShutDown"/> if the queue was shut down and is empty (3.13), and
    /// <see cref="TypeError"/> if a <see cref="PyPriorityQueue{T}"/> cannot compare its items.
    /// </remarks>
    public QueueGet<T> Get() => new(this);

    /// <summary>A new <c>Queue.get()</c> coroutine object.</summary>
    internal Coroutine<T> CreateGetCoroutine() => new GetCoroutine(this);

    /// <summary>A new <c>Queue.put(item)</c> coroutine object.</summary>
    internal Coroutine CreatePutCoroutine(T item) => new PutCoroutine(this, item);

    /// <summary>Mirrors <c>get_nowait()</c>: removes and returns an item if one is available at once.</summary>
    /// <exception cref="QueueShutDown">The queue is empty and was shut down (3.13).</exception>
    /// <exception cref="QueueEmpty">The queue is empty.</exception>
    /// <exception cref="TypeError">A <see cref="PyPriorityQueue{T}"/> cannot compare its items (the item
    /// being returned is lost, as with CPython's <c>heappop</c>).</exception>
    public T GetNowait()
    {
        if (_count == 0)
        {
            if (_isShutdown) throw new QueueShutDown();
            throw new QueueEmpty();
        }
        var item = GetItem();
        WakeupNext(ref _putters);
        return item;
    }

    /// <summary>
    /// Mirrors <c>task_done()</c>: a consumer says that an item it got is processed. When every item put
    /// has been so marked, <see cref="Join"/> returns.
    /// </summary>
    /// <exception cref="ValueError">Called more times than items were put (<c>task_done() called too many times</c>).</exception>
    public void TaskDone()
    {
        if (_unfinishedTasks <= 0) throw new ValueError("task_done() called too many times");
        if (--_unfinishedTasks == 0) SetFinished();
    }

    /// <summary>
    /// Mirrors <c>join()</c>: a coroutine that waits until every item put into the queue has been got
    /// and marked done with <see cref="TaskDone"/>. Returns at once when no task is unfinished.
    /// </summary>
    public Coroutine Join() => new JoinCoroutine(this);

    /// <summary>
    /// Mirrors <c>shutdown(immediate=False)</c> (new in Python 3.13): later puts raise
    /// <see cref="QueueShutDown"/>, and so do gets once the queue is empty; every waiting getter and
    /// putter is woken to find that out.
    /// </summary>
    /// <param name="immediate">Also drop the items in the queue, marking each one done (which may
    /// release <see cref="Join"/>), so that gets raise at once.</param>
    public void Shutdown(bool immediate = false)
    {
        _isShutdown = true;
        if (immediate)
        {
            while (_count > 0)
            {
                GetItem();
                if (_unfinishedTasks > 0) _unfinishedTasks--;
            }
            if (_unfinishedTasks == 0) SetFinished();
        }
        // All getters need to re-check queue-empty to raise QueueShutDown.
        while (_getters.Count > 0)
        {
            var getter = _getters.PopLeft();
            if (!getter.Done()) getter.SetResult(NoneType.None);
        }
        while (_putters.Count > 0)
        {
            var putter = _putters.PopLeft();
            if (!putter.Done()) putter.SetResult(NoneType.None);
        }
    }

    /// <summary>CPython's <c>repr(q)</c>: <c>&lt;Queue at 0x7f... maxsize=0 _queue=[1, 2] tasks=2&gt;</c>.</summary>
    public override string ToString() => $"<{PyName} at 0x{RuntimeHelpers.GetHashCode(this):x} {Format()}>";

    /// <summary>CPython's <c>str(q)</c>: <c>&lt;Queue maxsize=0 _queue=[1, 2] tasks=2&gt;</c>, without the address.</summary>
    string IPyStr.Str() => $"<{PyName} {Format()}>";

    // ---------------------------------------------------------------- CPython's internals

    /// <summary><c>type(self).__name__</c>.</summary>
    private string PyName
    {
        get
        {
            var type = GetType();
            if (type.IsGenericType && type.Assembly == typeof(PyQueue<>).Assembly) return PyOperators.TypeName(this);
            int tick = type.Name.IndexOf('`');
            return tick < 0 ? type.Name : type.Name[..tick];
        }
    }

    /// <summary>CPython's <c>_format()</c>.</summary>
    private string Format()
    {
        var sb = new StringBuilder("maxsize=").Append(_maxsize);
        if (_count > 0)
        {
            sb.Append(" _queue=[");
            for (int i = 0; i < _count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(Builtins.Repr(_items[Slot(i)]));
            }
            sb.Append(']');
        }
        if (_getters.Count > 0) sb.Append(" _getters[").Append(_getters.Count).Append(']');
        if (_putters.Count > 0) sb.Append(" _putters[").Append(_putters.Count).Append(']');
        if (_unfinishedTasks > 0) sb.Append(" tasks=").Append(_unfinishedTasks);
        if (_isShutdown) sb.Append(" shutdown");
        return sb.ToString();
    }

    /// <summary>CPython's <c>_put(item)</c>: append, push onto the stack, or <c>heappush</c>.</summary>
    private void PutItem(T item)
    {
        if (_count == _items.Length) Grow();
        _items[Slot(_count)] = item;
        _count++;
        if (_order == QueueOrder.Priority) HeapQ<T>.SiftPushed(_items, _count);
    }

    /// <summary>CPython's <c>_get()</c> of a non-empty queue: <c>popleft()</c>, <c>pop()</c> or <c>heappop</c>.</summary>
    private T GetItem()
    {
        switch (_order)
        {
            case QueueOrder.Fifo:
            {
                ref var slot = ref _items[_head];
                var item = slot;
                slot = default!;
                if (++_head == _items.Length) _head = 0;
                _count--;
                return item;
            }
            case QueueOrder.Lifo:
            {
                ref var slot = ref _items[--_count];
                var item = slot;
                slot = default!;
                return item;
            }
            default:
                return HeapQ<T>.Pop(_items, ref _count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(int index)
    {
        int slot = _head + index;
        return slot >= _items.Length ? slot - _items.Length : slot;
    }

    private void Grow()
    {
        var bigger = new T[Math.Max(8, _items.Length * 2)];
        for (int i = 0; i < _count; i++) bigger[i] = _items[Slot(i)];
        _items = bigger;
        _head = 0;
    }

    /// <summary>CPython's <c>_wakeup_next(waiters)</c>: wake the first waiter that is not done (cancelled).</summary>
    private static void WakeupNext(ref WaiterDeque waiters)
    {
        while (waiters.Count > 0)
        {
            var waiter = waiters.PopLeft();
            if (!waiter.Done())
            {
                waiter.SetResult(NoneType.None);
                break;
            }
        }
    }

    /// <summary><c>self._finished.set()</c>: wake every <c>join()</c> waiting (they remove themselves).</summary>
    private void SetFinished()
    {
        if (_finished) return;
        _finished = true;
        for (int i = 0; i < _finishedWaiters.Count; i++)
        {
            var waiter = _finishedWaiters[i];
            if (!waiter.Done()) waiter.SetResult(NoneType.None);
        }
    }

    /// <summary>CPython's <c>_LoopBoundMixin._get_loop()</c>: the running loop, which the queue binds itself to on first use.</summary>
    /// <exception cref="RuntimeError">No loop is running, or the queue is bound to another loop.</exception>
    private EventLoop GetLoop()
    {
        var loop = EventLoop.GetRunningLoop();
        _loop ??= loop;
        if (loop != _loop) throw new RuntimeError($"{this} is bound to a different event loop");
        return loop;
    }

    /// <summary>A new waiter future on the running loop, appended to <paramref name="waiters"/>.</summary>
    private Future<NoneType> AddWaiter(ref WaiterDeque waiters)
    {
        var waiter = GetLoop().CreateFuture<NoneType>();
        waiters.Append(waiter);
        return waiter;
    }

    /// <summary>What <c>await waiter</c> raised: the exception thrown in, or the cancellation of the waiter itself.</summary>
    private static Exception? WaitError(Future<NoneType> waiter, Exception? thrown) =>
        thrown ?? (waiter.Cancelled() ? waiter.MakeCancelledError() : null);

    // ---------------------------------------------------------------- the coroutines

    /// <summary>The coroutine object of <c>Queue.get()</c>.</summary>
    private sealed class GetCoroutine(PyQueue<T> queue) : HandWrittenCoroutine<T>
    {
        private Future<NoneType>? _getter;

        internal override string QualName => "Queue.get";

        private protected override void Start(EventLoop loop) => Run();

        private void Run()
        {
            // while self.empty(): ...; return self.get_nowait()
            if (queue._count == 0)
            {
                if (queue._isShutdown)
                {
                    Raise(new QueueShutDown());
                    return;
                }
                _getter = queue.AddWaiter(ref queue._getters);
                AwaitFuture(_getter.GetLoop(), _getter);
                return;
            }
            Return(queue.GetNowait());
        }

        private protected override void Resume(Exception? thrown)
        {
            var getter = _getter!;
            _getter = null;
            var error = WaitError(getter, thrown);
            if (error is null)
            {
                Run();
                return;
            }
            getter.Cancel(); // Just in case the getter is not done yet.
            // Clean the getters of this one (put_nowait or shutdown may have popped it already).
            queue._getters.Remove(getter);
            // Woken by put_nowait() but cannot take the item: wake up the next in line.
            if (queue._count > 0 && !getter.Cancelled()) WakeupNext(ref queue._getters);
            Raise(error);
        }
    }

    /// <summary>The coroutine object of <c>Queue.put(item)</c>.</summary>
    private sealed class PutCoroutine(PyQueue<T> queue, T item) : HandWrittenCoroutine<NoneType>
    {
        private Future<NoneType>? _putter;

        internal override string QualName => "Queue.put";

        internal override Future CreateTask(EventLoop loop) => CreateResultlessTask(loop);

        private protected override void Start(EventLoop loop) => Run();

        private void Run()
        {
            // while self.full(): ...; return self.put_nowait(item)
            if (queue.Full())
            {
                if (queue._isShutdown)
                {
                    Raise(new QueueShutDown());
                    return;
                }
                _putter = queue.AddWaiter(ref queue._putters);
                AwaitFuture(_putter.GetLoop(), _putter);
                return;
            }
            queue.PutNowait(item);
            Return(NoneType.None);
        }

        private protected override void Resume(Exception? thrown)
        {
            var putter = _putter!;
            _putter = null;
            var error = WaitError(putter, thrown);
            if (error is null)
            {
                Run();
                return;
            }
            putter.Cancel(); // Just in case the putter is not done yet.
            // Clean the putters of this one (get_nowait or shutdown may have popped it already).
            queue._putters.Remove(putter);
            // Woken by get_nowait() but cannot take the slot: wake up the next in line.
            if (!queue.Full() && !putter.Cancelled()) WakeupNext(ref queue._putters);
            Raise(error);
        }
    }

    /// <summary>The coroutine object of <c>Queue.join()</c>, with CPython's <c>Event.wait()</c> on <c>_finished</c> inlined.</summary>
    private sealed class JoinCoroutine(PyQueue<T> queue) : HandWrittenCoroutine<NoneType>
    {
        private Future<NoneType>? _waiter;

        internal override string QualName => "Queue.join";

        internal override Future CreateTask(EventLoop loop) => CreateResultlessTask(loop);

        private protected override void Start(EventLoop loop)
        {
            // if self._unfinished_tasks > 0: await self._finished.wait()
            if (queue._unfinishedTasks > 0 && !queue._finished)
            {
                _waiter = queue.AddWaiter(ref queue._finishedWaiters);
                AwaitFuture(_waiter.GetLoop(), _waiter);
                return;
            }
            Return(NoneType.None);
        }

        private protected override void Resume(Exception? thrown)
        {
            var waiter = _waiter!;
            _waiter = null;
            // Event.wait's finally: self._waiters.remove(fut)
            queue._finishedWaiters.Remove(waiter);
            var error = WaitError(waiter, thrown);
            if (error is null) Return(NoneType.None);
            else Raise(error);
        }
    }
}

/// <summary>Which end a queue takes its items from: CPython's three <c>_init</c>/<c>_get</c>/<c>_put</c> choices.</summary>
internal enum QueueOrder : byte
{
    /// <summary><c>Queue</c>: a deque, <c>append</c> and <c>popleft</c>.</summary>
    Fifo,
    /// <summary><c>LifoQueue</c>: a list, <c>append</c> and <c>pop</c>.</summary>
    Lifo,
    /// <summary><c>PriorityQueue</c>: a list kept as a heap, <c>heappush</c> and <c>heappop</c>.</summary>
    Priority,
}
