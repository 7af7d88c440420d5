using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Lock</c> (CPython 3.13's <c>asyncio/locks.py</c>): a primitive lock, not owned by
/// the task that acquired it. Create one with <c>Lock()</c> or <c>new PyLock()</c>.
/// </summary>
/// <remarks>
/// <para>
/// <c>async with lock:</c> is <c>using (await lk.Acquire()) { ... }</c>; <c>await lock.acquire()</c> …
/// <c>lock.release()</c> is <c>await lk.Acquire();</c> … <c>lk.Release();</c>. Waiters are served in
/// FIFO order; a waiter cancelled while waiting leaves no waiter behind and passes its wake-up on
/// (CPython's <c>_wake_up_first</c>). Acquiring a free lock nobody waits for does not suspend.
/// </para>
/// <para>
/// Named <c>PyLock</c> because .NET's implicit usings bring in <c>System.Threading.Lock</c> (.NET 9 and later); the
/// factory keeps Python's name. Single-threaded, as asyncio's lock is: use it on its loop's thread.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.locks.Lock")]
public sealed class PyLock
{
    private WaiterQueue _waiters;
    private bool _locked;
    private LoopBinding _binding;

    /// <summary>Mirrors <c>asyncio.Lock()</c>: an unlocked lock, bound to the first loop a task waits for it on.</summary>
    public PyLock() { }

    /// <summary>Mirrors <c>lock.locked()</c>: whether the lock is acquired.</summary>
    public bool Locked() => _locked;

    /// <summary>
    /// Mirrors <c>lock.acquire()</c>: waits until the lock is free, then locks it. Await it:
    /// <c>using (await lk.Acquire()) { ... }</c> or <c>await lk.Acquire();</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// CPython's <c>acquire()</c> returns <c>True</c>; here the <c>await</c> gives a
    /// <see cref="LockReleaser"/>, whose <c>Dispose</c> releases the lock, so that <c>using</c> reads as
    /// <c>async with</c>; ignore it when you release by hand. As in CPython the work happens at the
    /// <c>await</c>: a free lock with no waiters is taken without suspending and without allocating.
    /// </para>
    /// <para>
    /// The result is an awaitable value, not a coroutine object: it converts to one where a coroutine
    /// is needed (<c>CreateTask(lk.Acquire())</c>, <c>WaitFor(lk.Acquire(), 1)</c>), and awaiting the same
    /// value twice acquires twice (a coroutine would raise <c>cannot reuse already awaited coroutine</c>).
    /// </para>
    /// </remarks>
    public LockAcquire Acquire() => new(this);

    /// <summary>
    /// Mirrors <c>lock.release()</c>: unlocks the lock and wakes the first waiter, if any.
    /// </summary>
    /// <exception cref="RuntimeError">The lock is not locked (<c>Lock is not acquired.</c>).</exception>
    public void Release()
    {
        if (!_locked) ThrowNotAcquired();
        _locked = false;
        WakeUpFirst();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotAcquired() => throw new RuntimeError("Lock is not acquired.");

    /// <summary>CPython's repr: <c>&lt;asyncio.locks.Lock object at 0x... [locked, waiters:1]&gt;</c>.</summary>
    public override string ToString() => PrimitiveRepr.Format(this, PrimitiveRepr.WithWaiters(_locked ? "locked" : "unlocked", _waiters.Count));

    /// <summary><c>len(self._waiters)</c>, for tests.</summary>
    internal int WaiterCount => _waiters.Count;

    /// <summary><c>self._waiters[0]</c>, for tests.</summary>
    internal Future? FirstWaiter => _waiters.First;

    // ---------------------------------------------------------------- acquire(), in three parts

    /// <summary>
    /// The fast path of <c>acquire()</c>: the lock is free and nobody waits for it (or every waiter is
    /// cancelled: jumping the queue then is CPython's optimization). Touches no loop.
    /// </summary>
    internal bool TryAcquireNow()
    {
        if (_locked || !_waiters.AllCancelled()) return false;
        _locked = true;
        return true;
    }

    /// <summary>The slow path of <c>acquire()</c> up to its <c>await fut</c>: queue a new waiter future of the running loop.</summary>
    /// <exception cref="RuntimeError">The lock is bound to another loop, or no loop is running.</exception>
    internal Waiter Enqueue()
    {
        var waiter = new Waiter(_binding.Get(this), this);
        _waiters.Append(waiter);
        return waiter;
    }

    /// <summary>
    /// The rest of <c>acquire()</c> after <c>await fut</c>: <paramref name="thrown"/> is what the task
    /// threw in at that await (a cancellation), if anything. Leaves the queue; on a cancellation, passes
    /// the wake-up on to the next waiter unless the lock was taken, and raises it; else locks.
    /// </summary>
    internal LockReleaser FinishAcquire(Waiter waiter, Exception? thrown)
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
            // The lock invariant: if the lock is not claimed (or about to be claimed by us) and a task
            // waits, the first one will run.
            if (!_locked) WakeUpFirst();
            throw;
        }
        _locked = true;
        return new LockReleaser(this);
    }

    /// <summary>CPython's <c>_wake_up_first</c>: make sure the first waiter wakes (a done one is already about to).</summary>
    private void WakeUpFirst()
    {
        if (_waiters.First is { } first && !first.Done()) first.SetResult(true);
    }
}

/// <summary>
/// What <see cref="PyLock.Acquire"/> returns: the pending <c>lock.acquire()</c>, to await. Awaiting it
/// gives a <see cref="LockReleaser"/>; it converts to a coroutine (<c>Lock.acquire</c>) where one is
/// needed, such as <c>CreateTask</c> or <c>WaitFor</c>.
/// </summary>
public readonly struct LockAcquire
{
    private readonly PyLock _lock;

    internal LockAcquire(PyLock lk) => _lock = lk;

    /// <summary>Runs <c>acquire()</c> up to its first suspension: takes a free lock at once, else queues a waiter.</summary>
    /// <exception cref="RuntimeError">The lock must be waited for and is bound to another loop, or no loop is running.</exception>
    public LockAcquireAwaiter GetAwaiter()
    {
        var lk = _lock ?? throw new InvalidOperationException("default(LockAcquire) acquires no lock");
        return lk.TryAcquireNow() ? new LockAcquireAwaiter(lk) : new LockAcquireAwaiter(lk.Enqueue());
    }

    /// <summary>The <c>acquire()</c> coroutine object, for code that needs one (<c>CreateTask</c>, <c>WaitFor</c>, <c>Gather</c>).</summary>
    public Coroutine<LockReleaser> AsCoroutine() => new LockAcquireCoroutine(_lock ?? throw new InvalidOperationException("default(LockAcquire) acquires no lock"));

    /// <summary>The <c>acquire()</c> coroutine object; see <see cref="AsCoroutine"/>.</summary>
    public static implicit operator Coroutine<LockReleaser>(LockAcquire acquire) => acquire.AsCoroutine();
}

/// <summary>Awaits a <see cref="LockAcquire"/>. Used by the compiler.</summary>
/// <remarks>
/// Marked as a future's awaiter: its one field is the waiter future whenever it is not completed, which
/// is the only time the coroutine builder reads it (as a future, to suspend on). When the lock was taken
/// at once, the field holds the lock.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LockAcquireAwaiter : ICriticalNotifyCompletion, IFutureAwaiter
{
    // The lock (taken without waiting), or the pending Waiter future.
    private readonly object _state;

    internal LockAcquireAwaiter(PyLock acquired) => _state = acquired;

    internal LockAcquireAwaiter(Waiter waiter) => _state = waiter;

    /// <summary>Whether the lock was taken at once, or the waiter is done.</summary>
    public bool IsCompleted => _state is not Waiter waiter || waiter.Done();

    /// <summary>The releaser of the acquired lock, or the cancellation raised at the <c>await</c>.</summary>
    public LockReleaser GetResult() =>
        _state is Waiter waiter ? ((PyLock)waiter.Owner).FinishAcquire(waiter, StepState.TakeThrowIn()) : new LockReleaser((PyLock)_state);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the lock.</summary>
    public void OnCompleted(Action continuation) => ForeignWaiter.Register((Waiter)_state, continuation);

    /// <summary>Called by non-PyAsync code (a TPL async method) awaiting the lock.</summary>
    public void UnsafeOnCompleted(Action continuation) => ForeignWaiter.Register((Waiter)_state, continuation);
}

/// <summary>
/// The result of <c>await lk.Acquire()</c>: disposing it releases the lock, so that
/// <c>using (await lk.Acquire()) { ... }</c> is <c>async with lock:</c> (CPython's <c>__aexit__</c>
/// calls <c>release()</c>). A value, so acquiring allocates nothing.
/// </summary>
public readonly struct LockReleaser : IDisposable
{
    private readonly PyLock? _lock;

    internal LockReleaser(PyLock lk) => _lock = lk;

    /// <summary>Mirrors <c>lock.release()</c>, as <c>__aexit__</c> does.</summary>
    /// <exception cref="RuntimeError">The lock is not locked any more (<c>Lock is not acquired.</c>).</exception>
    public void Dispose() => _lock?.Release();
}

/// <summary>The coroutine object of <c>lock.acquire()</c> (qualname <c>Lock.acquire</c>), for the places a coroutine is needed.</summary>
internal sealed class LockAcquireCoroutine(PyLock lk) : HandWrittenCoroutine<LockReleaser>
{
    private Waiter? _waiter;

    internal override string QualName => "Lock.acquire";

    private protected override void Start(EventLoop loop)
    {
        if (lk.TryAcquireNow())
        {
            Return(new LockReleaser(lk));
            return;
        }
        _waiter = lk.Enqueue();
        AwaitFuture(loop, _waiter);
    }

    private protected override void Resume(Exception? thrown) => Return(lk.FinishAcquire(_waiter!, thrown));
}
