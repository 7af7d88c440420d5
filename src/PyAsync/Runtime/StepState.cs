using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// The task step running on a loop: which task runs it (CPython's <c>_current_tasks[loop]</c>), and the
/// exception it throws in at the <c>await</c> it resumes (CPython's <c>coro.throw(exc)</c> in
/// <c>Task.__step</c>, a cancellation usually). Each loop owns one; the driver is an object here
/// because the runtime names no asyncio type (the await protocol keeps only task drivers in it).
/// </summary>
/// <remarks>
/// <para>
/// A task enters it (<see cref="Enter"/>) before it runs its coroutine and leaves it after; it sets the
/// exception to throw in (<see cref="SetThrowIn"/>) just before it resumes the coroutine, and clears
/// what nobody took once the coroutine has run (<see cref="ClearThrowIn"/>). The awaiter or hand-written
/// coroutine that resumes takes it and raises it (<see cref="TakeThrowIn"/>).
/// </para>
/// <para>
/// The speed trick: almost every await resumes with nothing to throw, so <see cref="TakeThrowIn"/>
/// first reads a process-wide count of step states holding an exception (almost always 0) and only
/// then reads the thread-static that finds the running loop's state; everything else is reached
/// through the loop the caller already holds, never through a thread-static. Invariant:
/// <c>s_pendingThrowIns</c> equals the number of step states whose <c>_throwIn</c> is not null; every
/// write of <c>_throwIn</c> goes through this class.
/// </para>
/// </remarks>
internal sealed class StepState
{
    private static int s_pendingThrowIns;
    // The step state of the loop running on this thread (set when a loop starts running).
    [ThreadStatic] private static StepState? t_running;

    private object? _driver;
    private Exception? _throwIn;

    /// <summary>Makes <paramref name="state"/> the one of the loop running on this thread; returns the previous one.</summary>
    public static StepState? UseOnThisThread(StepState? state)
    {
        var previous = t_running;
        t_running = state;
        return previous;
    }

    /// <summary>The driver (task) whose step runs now, or null between steps.</summary>
    public object? Driver => _driver;

    /// <summary>CPython's <c>_enter_task</c>: <paramref name="driver"/>'s step starts.</summary>
    /// <exception cref="RuntimeError">Another driver's step is running.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter(object driver)
    {
        if (_driver is not null) ThrowEnter(driver);
        _driver = driver;
    }

    /// <summary>CPython's <c>_leave_task</c>: <paramref name="driver"/>'s step is over.</summary>
    /// <exception cref="RuntimeError"><paramref name="driver"/> is not the one whose step runs.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Leave(object driver)
    {
        if (!ReferenceEquals(_driver, driver)) ThrowLeave(driver);
        _driver = null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowEnter(object driver) =>
        throw new RuntimeError($"Cannot enter into task {driver} while another task {_driver} is being executed.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowLeave(object driver) =>
        throw new RuntimeError($"Leaving task {driver} does not match the current task {_driver}.");

    /// <summary>The coroutine resumed next must raise <paramref name="error"/> at its await (null: nothing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetThrowIn(Exception? error)
    {
        if (error is not null) Hold(error);
    }

    private void Hold(Exception error)
    {
        if (_throwIn is null) Interlocked.Increment(ref s_pendingThrowIns);
        _throwIn = error;
    }

    /// <summary>The coroutine has run: drop what it did not take (it was not at a PyAsync await).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ClearThrowIn()
    {
        if (_throwIn is not null) Drop();
    }

    private void Drop()
    {
        _throwIn = null;
        Interlocked.Decrement(ref s_pendingThrowIns);
    }

    /// <summary>The exception to raise at the await being resumed on this thread, if any; taking it clears it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Exception? TakeThrowIn() => Volatile.Read(ref s_pendingThrowIns) == 0 ? null : TakeHeld();

    private static Exception? TakeHeld()
    {
        if (t_running is not { _throwIn: { } error } state) return null;
        state.Drop();
        return error;
    }

    /// <summary><see cref="TakeThrowIn"/>, raising what it took.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfThrownIn()
    {
        if (Volatile.Read(ref s_pendingThrowIns) != 0) ThrowHeld();
    }

    private static void ThrowHeld()
    {
        if (TakeHeld() is { } error) throw error;
    }
}
