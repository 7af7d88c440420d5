using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

/// <summary>
/// How a coroutine suspends, the C# counterpart of Python's <c>yield</c> inside <c>Future.__await__</c>.
/// </summary>
/// <remarks>
/// <para>
/// A task step runs its innermost coroutine until that coroutine awaits something not yet complete.
/// The coroutine then tells the driver of the running step (the task, kept in the loop's <see cref="StepState"/>) what it
/// waits on (the "yielded" future, a bare yield, or a .NET awaitable) and which coroutine to resume;
/// the awaiting coroutines above it only link themselves as its continuation, and the step returns
/// to the task, which registers its wake-up, exactly as CPython's <c>Task.__step</c> does with the
/// value a coroutine yields.
/// </para>
/// <para>
/// When the task resumes it may throw an exception in at the <c>await</c> (a cancellation): see
/// <see cref="StepState.TakeThrowIn"/>, which the awaiters consult when they resume.
/// </para>
/// </remarks>
internal static class Suspension
{
    /// <summary>The driver (task) whose step runs on <paramref name="loop"/> now, or null between steps.</summary>
    public static ICoroutineDriver? CurrentDriver(EventLoop loop) =>
        Unchecked.As<ICoroutineDriver?>(loop.Step.Driver); // only tasks enter a step (PyTask.Step)

    [MethodImpl(HotPath.Options)]
    public static void AwaitUnsafeOnCompleted<TAwaiter>(ref TAwaiter awaiter, Coroutine coroutine)
        where TAwaiter : ICriticalNotifyCompletion
    {
        // The kinds are told apart by marker interfaces; the awaiters so marked are single-field structs.
        if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Future)
            YieldFuture(RunningLoop(), Unchecked.OnlyField<TAwaiter, Future>(ref awaiter), coroutine);
        else if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Coroutine)
            Unchecked.OnlyField<TAwaiter, Coroutine>(ref awaiter).AwaitedBy(coroutine);
        else
        {
            var continuation = BeginForeign(coroutine, typeof(TAwaiter));
            try { awaiter.UnsafeOnCompleted(continuation.Invoke); }
            catch { continuation.Abandon(); throw; }
        }
    }

    [MethodImpl(HotPath.Options)]
    public static void AwaitOnCompleted<TAwaiter>(ref TAwaiter awaiter, Coroutine coroutine)
        where TAwaiter : INotifyCompletion
    {
        if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Future)
            YieldFuture(RunningLoop(), Unchecked.OnlyField<TAwaiter, Future>(ref awaiter), coroutine);
        else if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Coroutine)
            Unchecked.OnlyField<TAwaiter, Coroutine>(ref awaiter).AwaitedBy(coroutine);
        else
        {
            var continuation = BeginForeign(coroutine, typeof(TAwaiter));
            try { awaiter.OnCompleted(continuation.Invoke); }
            catch { continuation.Abandon(); throw; }
        }
    }

    /// <summary><c>yield future</c> on <paramref name="loop"/>: the task will wait for <paramref name="future"/>, then resume <paramref name="from"/>.</summary>
    [MethodImpl(HotPath.Options)]
    public static void YieldFuture(EventLoop loop, Future future, Coroutine from) => RunningDriver(loop).Yielded(YieldKind.Future, future, from);

    /// <summary>A bare <c>yield</c> (<c>sleep(0)</c>) on <paramref name="loop"/>: the task steps again on the next iteration.</summary>
    [MethodImpl(HotPath.Options)]
    public static void YieldBare(EventLoop loop, Coroutine from) => RunningDriver(loop).Yielded(YieldKind.Bare, null, from);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static EventLoop RunningLoop() => EventLoop.Running ?? ThrowOutsideStep<EventLoop>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ICoroutineDriver RunningDriver(EventLoop loop) => CurrentDriver(loop) ?? ThrowOutsideStep<ICoroutineDriver>();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ThrowOutsideStep<T>() => throw new RuntimeError("a coroutine suspended outside any task step");

    /// <summary>
    /// The task that drives a coroutine awaited by non-PyAsync code: the task made for it when it was
    /// awaited outside any task, or a new task that takes over a coroutine that started inline in the
    /// current step and has just suspended.
    /// </summary>
    /// <exception cref="RuntimeError">The coroutine is not in a state a task can take over.</exception>
    public static Future DrivingTask(Coroutine coroutine)
    {
        if (coroutine.Driver is { } task) return task;
        var loop = EventLoop.Running ?? throw new RuntimeError("no running event loop");
        var current = CurrentDriver(loop);
        if (!coroutine.IsSuspendedInline || current is null || current.PendingYield == YieldKind.None)
            throw new RuntimeError($"{coroutine} is awaited by .NET code but is not suspended in the current task step");
        return TaskFactory.Installed.Adopt(coroutine, loop, current);
    }

    /// <summary>The coroutine awaits a .NET awaitable: the task waits for its continuation.</summary>
    private static ForeignContinuation BeginForeign(Coroutine coroutine, Type awaiterType)
    {
        var loop = EventLoop.Running ?? throw new RuntimeError("no running event loop");
        RunningDriver(loop).Yielded(YieldKind.Foreign, null, coroutine);
        loop.OutsideWork.ForeignAwaitStarted();
        return new ForeignContinuation(loop, coroutine, awaiterType);
    }
}
