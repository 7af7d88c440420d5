using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Semaphore</c> (CPython 3.13's <c>asyncio/locks.py</c>): a counter that
/// <c>acquire()</c> decrements, waiting while it is zero, and <c>release()</c> increments. Create one
/// with <c>Semaphore(n)</c> or <c>new PySemaphore(n)</c>.
/// </summary>
/// <remarks>
/// <para>
/// <c>async with sem:</c> is <c>using (await sem.Acquire()) { ... }</c>. As in CPython 3.13, waiters
/// are served in FIFO order: a task does not take a free slot while earlier tasks still wait for one
/// (<see cref="Locked"/> is true then), and a waiter woken then cancelled gives its slot back and wakes
/// the next (<c>_wake_up_next</c>).
/// </para>
/// <para>
/// Named <c>PySemaphore</c> because .NET's implicit usings bring in <see cref="System.Threading.Semaphore"/>;
/// the factory keeps Python's name. Single-threaded: use it on its loop's thread.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.locks.Semaphore")]
public class PySemaphore
{
    private WaiterQueue _waiters;
    private int _value;
    private LoopBinding _binding;

    /// <summary>Mirrors <c>asyncio.Semaphore(value=1)</c>.</summary>
    /// <exception cref="ValueError"><paramref name="value"/> is negative (<c>Semaphore initial value must be &gt;= 0</c>).</exception>
    public PySemaphore(int value = 1)
    {
        if (value < 0) throw new ValueError("Semaphore initial value must be >= 0");
        _value = value;
    }

    /// <summary>The counter (CPython's <c>_value</c>), for the bounded semaphore and tests.</summary>
    internal int Value => _value;

    /// <summary><c>len(self._waiters)</c>, for tests.</summary>
    internal int WaiterCount => _waiters.Count;

    /// <summary>Whether every waiter is done (<c>all(waiter.done() for waiter in sem._waiters)</c>), for tests.</summary>
    internal bool AllWaitersDone()
    {
        for (var w = _waiters.First; w is not null; w = w.Next)
        {
            if (!w.Done()) return false;
        }
        return true;
    }

    /// <summary>
    /// Mirrors <c>sem.locked()</c>: whether <c>acquire()</c> would wait, because the counter is zero or
    /// (3.13's FIFO rule) a task that is not cancelled already waits.
    /// </summary>
    public bool Locked()
    {
        if (_value == 0) return true;
        for (var w = _waiters.First; w is not null; w = w.Next)
        {
            if (!w.Cancelled()) return true;
        }
        return false;
    }

    /// <summary>
    /// Mirrors <c>sem.acquire()</c>: decrements the counter, first waiting (in FIFO order) while it is
    /// zero or others wait. Await it: <c>using (await sem.Acquire()) { ... }</c> or <c>await sem.Acquire();</c>.
    /// </summary>
    /// <remarks>
    /// CPython's <c>acquire()</c> returns <c>True</c>; here the <c>await</c> gives a
    /// <see cref="SemaphoreReleaser"/>, whose <c>Dispose</c> releases, so that <c>using</c> reads as
    /// <c>async with</c>. As with <see cref="PyLock.Acquire"/>, the result is an awaitable value that
    /// converts to a coroutine where one is needed, and a free semaphore is taken without suspending.
    /// </remarks>
    public SemaphoreAcquire Acquire() => new(this);

    /// <summary>Mirrors <c>sem.release()</c>: increments the counter and wakes the first waiter that is not done.</summary>
    /// <exception cref="ValueError">A <see cref="BoundedSemaphore"/> released more often than acquired.</exception>
    public virtual void Release()
    {
        _value++;
        WakeUpNext();
    }

    /// <summary>CPython's repr: <c>&lt;asyncio.locks.Semaphore object at 0x... [unlocked, value:1]&gt;</c>, <c>[locked, waiters:2]</c>.</summary>
    public override string ToString() => PrimitiveRepr.Format(this, PrimitiveRepr.WithWaiters(Locked() ? "locked" : $"unlocked, value:{_value}", _waiters.Count));

    // ---------------------------------------------------------------- acquire(), in three parts

    /// <summary>The fast path of <c>acquire()</c>: not <see cref="Locked"/>, so take a slot. Touches no loop.</summary>
    internal bool TryAcquireNow()
    {
        if (Locked()) return false;
        _value--;
        return true;
    }

    /// <summary>The slow path of <c>acquire()</c> up to its <c>await fut</c>: queue a new waiter future of the running loop.</summary>
    /// <exception cref="RuntimeError">The semaphore is bound to another loop, or no loop is running.</exception>
    internal Waiter Enqueue()
    {
        var waiter = new Waiter(_binding.Get(this), this);
        _waiters.Append(waiter);
        return waiter;
    }

    /// <summary>
    /// The rest of <c>acquire()</c> after <c>await fut</c> (<paramref name="thrown"/>: what the task threw
    /// in there). A waiter woken (its slot counted as taken by <c>_wake_up_next</c>) but cancelled gives
    /// the slot back; either way, as many newer waiters as there are free slots are woken.
    /// </summary>
    internal SemaphoreReleaser FinishAcquire(Waiter waiter, Exception? thrown)
    {
        try
        {
            try
            {
                if (thrown is not null) throw thrown;
                waiter.ResultForAwait();
            }
            finally
            {
                _waiters.Remove(waiter);
            }
        }
        catch (CancelledError)
        {
            // Woken by _wake_up_next but not about to acquire: undo its bookkeeping.
            if (waiter.Done() && !waiter.Cancelled()) _value++;
            throw;
        }
        finally
        {
            // New waiters may have arrived but had to wait due to FIFO: wake up as many as allowed.
            while (_value > 0)
            {
                if (!WakeUpNext()) break;
            }
        }
        return new SemaphoreReleaser(this);
    }

    /// <summary>CPython's <c>_wake_up_next</c>: wake the first waiter that is not done, taking its slot; false if there is none.</summary>
    private bool WakeUpNext()
    {
        for (var w = _waiters.First; w is not null; w = w.Next)
        {
            if (!w.Done())
            {
                _value--;
                w.SetResult(true);
                return true;
            }
        }
        return false;
    }
}

/// <summary>
/// What <see cref="PySemaphore.Acquire"/> returns: the pending <c>sem.acquire()</c>, to await. Awaiting it
/// gives a <see cref="SemaphoreReleaser"/>; it converts to a coroutine (<c>Semaphore.acquire</c>) where one
/// is needed, such as <c>CreateTask</c> or <c>WaitFor</c>.
/// </summary>
public readonly struct SemaphoreAcquire
{
    private readonly PySemaphore _semaphore;

    internal SemaphoreAcquire(PySemaphore semaphore) => _semaphore = semaphore;

    /// <summary>Runs <c>acquire()</c> up to its first suspension: takes a slot at once, else queues a waiter.</summary>
    /// <exception cref="RuntimeError">The semaphore must be waited for and is bound to another loop, or no loop is running.</exception>
    public SemaphoreAcquireAwaiter GetAwaiter()
    {
        var sem = _semaphore ?? throw new InvalidOperationException("default(SemaphoreAcquire) acquires no semaphore");
        return sem.TryAcquireNow() ? new SemaphoreAcquireAwaiter(sem) : new SemaphoreAcquireAwaiter(sem.Enqueue());
    }

    /// <summary>The <c>acquire()</c> coroutine object, for code that needs one (<c>CreateTask</c>, <c>WaitFor</c>, <c>Gather</c>).</summary>
    public Coroutine<SemaphoreReleaser> AsCoroutine() =>
        new SemaphoreAcquireCoroutine(_semaphore ?? throw new InvalidOperationException("default(SemaphoreAcquire) acquires no semaphore"));

    /// <summary>The <c>acquire()</c> coroutine object; see <see cref="AsCoroutine"/>.</summary>
    public static implicit operator Coroutine<SemaphoreReleaser>(SemaphoreAcquire acquire) => acquire.AsCoroutine();
}

/// <summary>Awaits a <see cref="SemaphoreAcquire"/>. Used by the compiler.</summary>
/// <remarks>
/// Marked as a future's awaiter: its one field is the waiter future whenever it is not completed, which
/// is the only time the coroutine builder reads it. When a slot was taken at once, it holds the semaphore.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SemaphoreAcquireAwaiter : ICriticalNotifyCompletion, IFutureAwaiter
{
    // The semaphore (a slot taken without waiting), or the pending Waiter future.
    private readonly object _state;

    internal SemaphoreAcquireAwaiter(PySemaphore acquired) => _state = acquired;

    internal SemaphoreAcquireAwaiter(Waiter waiter) => _state = waiter;

    /// <summary>Whether a slot was taken at once, or the waiter is done.</summary>
    public bool IsCompleted => _state is not Waiter waiter || waiter.Done();

    /// <summary>The releaser of the acquired slot, or the cancellation raised at the <c>await</c>.</summary>
    public SemaphoreReleaser GetResult() =>
        _state is Waiter waiter ? ((PySemaphore)waiter.Owner).FinishAcquire(waiter, StepState.TakeThrowIn()) : new SemaphoreReleaser((PySemaphore)_state);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the semaphore.</summary>
    public void OnCompleted(Action continuation) => ForeignWaiter.Register((Waiter)_state, continuation);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the semaphore.</summary>
    public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register((Waiter)_state, continuation);
}

/// <summary>
/// The result of <c>await sem.Acquire()</c>: disposing it releases the slot, so that
/// <c>using (await sem.Acquire()) { ... }</c> is <c>async with sem:</c>. A value, so acquiring allocates nothing.
/// </summary>
public readonly struct SemaphoreReleaser : IDisposable
{
    private readonly PySemaphore? _semaphore;

    internal SemaphoreReleaser(PySemaphore semaphore) => _semaphore = semaphore;

    /// <summary>Mirrors <c>sem.release()</c>, as <c>__aexit__</c> does.</summary>
    /// <exception cref="ValueError">A <see cref="BoundedSemaphore"/> released too many times.</exception>
    public void Dispose() => _semaphore?.Release();
}

/// <summary>The coroutine object of <c>sem.acquire()</c> (qualname <c>Semaphore.acquire</c>), for the places a coroutine is needed.</summary>
internal sealed class SemaphoreAcquireCoroutine(PySemaphore semaphore) : HandWrittenCoroutine<SemaphoreReleaser>
{
    private Waiter? _waiter;

    internal override string QualName => "Semaphore.acquire";

    private protected override void Start(EventLoop loop)
    {
        if (semaphore.TryAcquireNow())
        {
            Return(new SemaphoreReleaser(semaphore));
            return;
        }
        _waiter = semaphore.Enqueue();
        AwaitFuture(loop, _waiter);
    }

    private protected override void Resume(Exception? thrown) => Return(semaphore.FinishAcquire(_waiter!, thrown));
}
