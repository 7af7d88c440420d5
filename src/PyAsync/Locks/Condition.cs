using System.Diagnostics;
using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Condition</c> (CPython 3.13's <c>asyncio/locks.py</c>): tasks wait on it, with its
/// lock held, until another task notifies them. Create one with <c>Condition()</c> or
/// <c>Condition(lk)</c> to share a <see cref="PyLock"/>.
/// </summary>
/// <remarks>
/// <c>async with cond:</c> is <c>using (await cond.Acquire()) { ... }</c>. <see cref="Wait"/> releases the
/// lock, waits for a notification, and re-acquires the lock before it returns, even when cancelled
/// (the cancellation is raised once the lock is held again). As in CPython 3.13, a waiter that was
/// notified but raises anyway (cancelled while waiting or re-acquiring) passes its notification on to the
/// next waiter, so no wake-up is lost.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.locks.Condition")]
public sealed class Condition
{
    private readonly PyLock _lock;
    private WaiterQueue _waiters;
    private LoopBinding _binding;

    /// <summary>Mirrors <c>asyncio.Condition(lock=None)</c>: uses <paramref name="lk"/>, or a new lock.</summary>
    public Condition(PyLock? lk = null) => _lock = lk ?? new PyLock();

    /// <summary>The underlying lock (CPython's <c>_lock</c>).</summary>
    internal PyLock Lock => _lock;

    /// <summary>Mirrors <c>cond.locked()</c>: the underlying lock's <see cref="PyLock.Locked"/>.</summary>
    public bool Locked() => _lock.Locked();

    /// <summary>
    /// Mirrors <c>cond.acquire()</c>, the underlying lock's <see cref="PyLock.Acquire"/>:
    /// <c>using (await cond.Acquire()) { ... }</c>. The <c>await</c> gives a <see cref="LockReleaser"/>
    /// (CPython's gives <c>True</c>).
    /// </summary>
    public LockAcquire Acquire() => _lock.Acquire();

    /// <summary>Mirrors <c>cond.release()</c>, the underlying lock's <see cref="PyLock.Release"/>.</summary>
    /// <exception cref="RuntimeError">The lock is not locked (<c>Lock is not acquired.</c>).</exception>
    public void Release() => _lock.Release();

    /// <summary>
    /// Mirrors <c>cond.wait()</c>: a coroutine that releases the lock, waits until notified, re-acquires
    /// the lock and returns <c>true</c>. Cancelled, it still re-acquires the lock before raising.
    /// </summary>
    /// <remarks>Raised when awaited, as CPython raises it from the coroutine's body:</remarks>
    /// <exception cref="RuntimeError">The lock is not held (<c>cannot wait on un-acquired lock</c>), or the
    /// condition is bound to another loop.</exception>
    public Coroutine<bool> Wait() => new ConditionWaitCoroutine(this);

    /// <summary>
    /// Mirrors <c>cond.wait_for(predicate)</c>: waits (<see cref="Wait"/>) until <paramref name="predicate"/>
    /// returns true, checking it first; returns its last value. CPython's predicate may return any value
    /// and is tested for truth; here it returns a <see cref="bool"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    /// <exception cref="RuntimeError">(When awaited) it must wait and the lock is not held (<c>cannot wait on un-acquired lock</c>).</exception>
    public Coroutine<bool> WaitFor(Func<bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new ConditionWaitForCoroutine(this, predicate);
    }

    /// <summary>
    /// Mirrors <c>cond.notify(n=1)</c>: wakes up to <paramref name="n"/> waiting tasks, oldest first.
    /// They return from <see cref="Wait"/> only once they re-acquire the lock, which the caller still holds.
    /// </summary>
    /// <exception cref="RuntimeError">The lock is not held (<c>cannot notify on un-acquired lock</c>).</exception>
    public void Notify(int n = 1)
    {
        if (!Locked()) throw new RuntimeError("cannot notify on un-acquired lock");
        NotifyWaiters(n);
    }

    /// <summary>Mirrors <c>cond.notify_all()</c>: <see cref="Notify"/> for every waiting task.</summary>
    /// <exception cref="RuntimeError">The lock is not held (<c>cannot notify on un-acquired lock</c>).</exception>
    public void NotifyAll() => Notify(_waiters.Count);

    /// <summary>CPython's repr: <c>&lt;asyncio.locks.Condition object at 0x... [locked, waiters:1]&gt;</c>.</summary>
    public override string ToString() => PrimitiveRepr.Format(this, PrimitiveRepr.WithWaiters(Locked() ? "locked" : "unlocked", _waiters.Count));

    /// <summary><c>len(self._waiters)</c>, for tests.</summary>
    internal int WaiterCount => _waiters.Count;

    /// <summary>CPython's <c>_notify(n)</c>: complete the first <paramref name="n"/> waiters not done yet (with <c>False</c>).</summary>
    internal void NotifyWaiters(int n)
    {
        int idx = 0;
        for (var w = _waiters.First; w is not null; w = w.Next)
        {
            if (idx >= n) break;
            if (!w.Done())
            {
                idx++;
                w.SetResult(false);
            }
        }
    }

    /// <summary>
    /// The start of <c>wait()</c>: check the lock, make the waiter future on the running loop, release the
    /// lock, queue the waiter.
    /// </summary>
    /// <exception cref="RuntimeError">The lock is not held, or the condition is bound to another loop.</exception>
    internal Waiter BeginWait()
    {
        if (!Locked()) throw new RuntimeError("cannot wait on un-acquired lock");
        var waiter = new Waiter(_binding.Get(this), this);
        Release();
        _waiters.Append(waiter);
        return waiter;
    }

    /// <summary><c>self._waiters.remove(fut)</c>.</summary>
    internal void Dequeue(Waiter waiter) => _waiters.Remove(waiter);
}

/// <summary>
/// The coroutine object of <c>cond.wait()</c> (qualname <c>Condition.wait</c>), CPython 3.13's body
/// written by hand: wait for the notification, then re-acquire the lock in a loop that swallows
/// cancellations and raises the last one once the lock is held; any exception notifies another waiter.
/// </summary>
internal sealed class ConditionWaitCoroutine(Condition cond) : HandWrittenCoroutine<bool>
{
    private EventLoop? _loop;
    private Waiter? _notified;
    // The waiter of the lock being re-acquired, while it is awaited.
    private Waiter? _relock;
    // Past `await fut`: re-acquiring the lock.
    private bool _relocking;
    // What the try block raised (`await fut`), and the last cancellation of the re-acquiring loop.
    private Exception? _bodyError;
    private CancelledError? _relockError;

    internal override string QualName => "Condition.wait";

    private protected override void Start(EventLoop loop)
    {
        _loop = loop;
        _notified = cond.BeginWait();
        AwaitFuture(loop, _notified);
    }

    private protected override void Resume(Exception? thrown)
    {
        if (!_relocking)
        {
            // After `await fut`: finally: self._waiters.remove(fut)
            _relocking = true;
            var notified = _notified!;
            cond.Dequeue(notified);
            _bodyError = thrown ?? (notified.Cancelled() ? notified.MakeCancelledError() : null);
            Relock();
            return;
        }
        var relock = _relock!;
        _relock = null;
        try
        {
            cond.Lock.FinishAcquire(relock, thrown);
        }
        catch (CancelledError e)
        {
            _relockError = e;
            Relock();
            return;
        }
        catch (Exception e)
        {
            Finish(e);
            return;
        }
        Finish(_relockError ?? _bodyError);
    }

    /// <summary>One turn of <c>while True: try: await self.acquire(); break except CancelledError as e: err = e</c>.</summary>
    private void Relock()
    {
        var lk = cond.Lock;
        if (lk.TryAcquireNow())
        {
            Finish(_relockError ?? _bodyError);
            return;
        }
        Waiter relock;
        try
        {
            relock = lk.Enqueue();
        }
        catch (Exception e)
        {
            Finish(e);
            return;
        }
        _relock = relock;
        AwaitFuture(_loop!, relock);
    }

    /// <summary>The end: <c>return True</c>, or <c>except BaseException: self._notify(1); raise</c>.</summary>
    private void Finish(Exception? error)
    {
        if (error is null)
        {
            Return(true);
            return;
        }
        cond.NotifyWaiters(1);
        Raise(error);
    }
}

/// <summary>The coroutine object of <c>cond.wait_for(predicate)</c> (qualname <c>Condition.wait_for</c>).</summary>
internal sealed class ConditionWaitForCoroutine(Condition cond, Func<bool> predicate) : HandWrittenCoroutine<bool>
{
    private EventLoop? _loop;
    private Coroutine<bool>? _wait;

    internal override string QualName => "Condition.wait_for";

    private protected override void Start(EventLoop loop)
    {
        _loop = loop;
        Check();
    }

    private protected override void Resume(Exception? thrown)
    {
        var error = thrown ?? _wait!.Failure;
        _wait = null;
        if (error is not null) Raise(error);
        else Check();
    }

    /// <summary><c>result = predicate(); while not result: await self.wait(); ...</c></summary>
    private void Check()
    {
        if (predicate())
        {
            Return(true);
            return;
        }
        _wait = cond.Wait();
        AwaitInline(_loop!, _wait);
    }
}
