namespace PyAsync;

/// <summary>
/// The exception a resuming task throws into its coroutine at the <c>await</c> it suspended on: the
/// C# counterpart of CPython's <c>coro.throw(exc)</c> in <c>Task.__step</c> (a cancellation, usually).
/// </summary>
/// <remarks>
/// <para>
/// A task sets it just before it resumes the coroutine (<see cref="Set"/>); the awaiter or hand-written
/// coroutine that resumes takes it and raises it (<see cref="Take"/>); the task clears what nobody
/// took once the step is over (<see cref="Clear"/>). It is per thread, because a loop runs on one
/// thread and one task step runs at a time there.
/// </para>
/// <para>
/// The speed trick: almost every await resumes with nothing to throw, so <see cref="Take"/> first
/// reads a process-wide count of threads holding an exception right now (almost always 0) and only
/// then reads its thread's slot. Invariant: <c>s_pending</c> equals the number of threads whose
/// <c>t_error</c> is not null; every write of <c>t_error</c> goes through this class.
/// </para>
/// </remarks>
internal static class ThrowIn
{
    private static int s_pending;
    [ThreadStatic] private static Exception? t_error;

    /// <summary>The next coroutine resumed on this thread must raise <paramref name="error"/> at its await (null: nothing).</summary>
    public static void Set(Exception? error)
    {
        if (error is null) return;
        if (t_error is null) Interlocked.Increment(ref s_pending);
        t_error = error;
    }

    /// <summary>The step is over: drop what the resumed coroutine did not take (it was not at a PyAsync await).</summary>
    public static void Clear()
    {
        if (t_error is null) return;
        t_error = null;
        Interlocked.Decrement(ref s_pending);
    }

    /// <summary>The exception to raise at this await, if any; taking it clears it.</summary>
    public static Exception? Take()
    {
        if (Volatile.Read(ref s_pending) == 0) return null;
        var error = t_error;
        if (error is null) return null;
        t_error = null;
        Interlocked.Decrement(ref s_pending);
        return error;
    }

    /// <summary><see cref="Take"/>, raising what it took.</summary>
    public static void ThrowIfAny()
    {
        if (Take() is { } error) throw error;
    }
}
