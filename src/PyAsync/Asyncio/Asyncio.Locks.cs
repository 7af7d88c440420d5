namespace PyAsync;

public static partial class Asyncio
{
    // ---------------------------------------------------------------- locks.py

    /// <summary>Mirrors <c>asyncio.Lock()</c>; see <see cref="PyLock"/>.</summary>
    public static PyLock Lock() => new();

    /// <summary>Mirrors <c>asyncio.Event()</c>; see <see cref="PyAsync.Event"/>.</summary>
    public static PyAsync.Event Event() => new();

    /// <summary>Mirrors <c>asyncio.Condition(lock=None)</c>; see <see cref="PyAsync.Condition"/>.</summary>
    public static PyAsync.Condition Condition(PyLock? @lock = null) => new(@lock);

    /// <summary>Mirrors <c>asyncio.Semaphore(value=1)</c>; see <see cref="PySemaphore"/>.</summary>
    /// <exception cref="ValueError"><paramref name="value"/> is negative (<c>Semaphore initial value must be &gt;= 0</c>).</exception>
    public static PySemaphore Semaphore(int value = 1) => new(value);

    /// <summary>Mirrors <c>asyncio.BoundedSemaphore(value=1)</c>; see <see cref="PyAsync.BoundedSemaphore"/>.</summary>
    /// <exception cref="ValueError"><paramref name="value"/> is negative (<c>Semaphore initial value must be &gt;= 0</c>).</exception>
    public static PyAsync.BoundedSemaphore BoundedSemaphore(int value = 1) => new(value);

    /// <summary>Mirrors <c>asyncio.Barrier(parties)</c>; see <see cref="PyBarrier"/>.</summary>
    /// <exception cref="ValueError"><paramref name="parties"/> is less than 1 (<c>parties must be &gt; 0</c>).</exception>
    public static PyBarrier Barrier(int parties) => new(parties);

    /// <summary>
    /// Mirrors <c>asyncio.wait_for(lock.acquire(), timeout)</c>: the acquire as a coroutine (see
    /// <see cref="WaitFor{T}(IAwaitable{T}, double?)"/>), whose result releases the lock when disposed.
    /// </summary>
    public static Coroutine<LockReleaser> WaitFor(LockAcquire aw, double? timeout) => WaitFor(aw.AsCoroutine(), timeout);

    /// <summary>
    /// Mirrors <c>asyncio.wait_for(sem.acquire(), timeout)</c>: the acquire as a coroutine (see
    /// <see cref="WaitFor{T}(IAwaitable{T}, double?)"/>), whose result releases the slot when disposed.
    /// </summary>
    public static Coroutine<SemaphoreReleaser> WaitFor(SemaphoreAcquire aw, double? timeout) => WaitFor(aw.AsCoroutine(), timeout);
}
