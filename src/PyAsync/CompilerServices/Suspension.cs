using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

/// <summary>
/// How a coroutine suspends, the C# counterpart of Python's <c>yield</c> inside <c>Future.__await__</c>.
/// </summary>
/// <remarks>
/// <para>
/// A task step runs its innermost coroutine until that coroutine awaits something not yet complete.
/// The coroutine then tells the driver of the running step (the task, see <see cref="Enter"/>) what it
/// waits on (the "yielded" future, a bare yield, or a .NET awaitable) and which coroutine to resume;
/// the awaiting coroutines above it only link themselves as its continuation, and the step returns
/// to the task, which registers its wake-up, exactly as CPython's <c>Task.__step</c> does with the
/// value a coroutine yields.
/// </para>
/// <para>
/// When the task resumes it may throw an exception in at the <c>await</c> (a cancellation): see
/// <see cref="ThrowIn"/>, which the awaiters consult when they resume.
/// </para>
/// </remarks>
internal static class Suspension
{
    // The driver (task) whose step runs on this thread: CPython's _current_tasks[loop], since a loop
    // runs on one thread and only one loop runs on a thread at a time.
    [ThreadStatic] private static ICoroutineDriver? t_driver;

    /// <summary>The driver whose step is running on this thread, or null.</summary>
    public static ICoroutineDriver? CurrentDriver => t_driver;

    /// <summary>CPython's <c>_enter_task</c>: <paramref name="driver"/>'s step starts.</summary>
    /// <exception cref="RuntimeError">Another driver's step is running.</exception>
    public static void Enter(ICoroutineDriver driver)
    {
        if (t_driver is { } other)
            throw new RuntimeError($"Cannot enter into task {driver} while another task {other} is being executed.");
        t_driver = driver;
    }

    /// <summary>CPython's <c>_leave_task</c>: <paramref name="driver"/>'s step is over.</summary>
    /// <exception cref="RuntimeError"><paramref name="driver"/> is not the one whose step runs.</exception>
    public static void Leave(ICoroutineDriver driver)
    {
        if (t_driver != driver)
            throw new RuntimeError($"Leaving task {driver} does not match the current task {t_driver}.");
        t_driver = null;
    }

    public static void AwaitUnsafeOnCompleted<TAwaiter>(ref TAwaiter awaiter, Coroutine coroutine)
        where TAwaiter : ICriticalNotifyCompletion
    {
        // The kinds are told apart by marker interfaces; the awaiters so marked are single-field structs.
        if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Future)
            YieldFuture(Unchecked.OnlyField<TAwaiter, Future>(ref awaiter), coroutine);
        else if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Coroutine)
            Unchecked.OnlyField<TAwaiter, Coroutine>(ref awaiter).AwaitedBy(coroutine);
        else
        {
            var continuation = BeginForeign(coroutine);
            try { awaiter.UnsafeOnCompleted(continuation.Invoke); }
            catch { continuation.Abandon(); throw; }
        }
    }

    public static void AwaitOnCompleted<TAwaiter>(ref TAwaiter awaiter, Coroutine coroutine)
        where TAwaiter : INotifyCompletion
    {
        if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Future)
            YieldFuture(Unchecked.OnlyField<TAwaiter, Future>(ref awaiter), coroutine);
        else if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Coroutine)
            Unchecked.OnlyField<TAwaiter, Coroutine>(ref awaiter).AwaitedBy(coroutine);
        else
        {
            var continuation = BeginForeign(coroutine);
            try { awaiter.OnCompleted(continuation.Invoke); }
            catch { continuation.Abandon(); throw; }
        }
    }

    /// <summary><c>yield future</c>: the task will wait for <paramref name="future"/>, then resume <paramref name="from"/>.</summary>
    public static void YieldFuture(Future future, Coroutine from) => RunningDriver().Yielded(YieldKind.Future, future, from);

    /// <summary>A bare <c>yield</c> (<c>sleep(0)</c>): the task steps again on the next iteration.</summary>
    public static void YieldBare(Coroutine from) => RunningDriver().Yielded(YieldKind.Bare, null, from);

    private static ICoroutineDriver RunningDriver() =>
        t_driver ?? throw new RuntimeError("a coroutine suspended outside any task step");

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
        var current = t_driver;
        if (!coroutine.IsSuspendedInline || current is null || current.PendingYield == YieldKind.None)
            throw new RuntimeError($"{coroutine} is awaited by .NET code but is not suspended in the current task step");
        return TaskFactory.Installed.Adopt(coroutine, loop, current);
    }

    /// <summary>The coroutine awaits a .NET awaitable: the task waits for its continuation.</summary>
    private static ForeignContinuation BeginForeign(Coroutine coroutine)
    {
        var loop = EventLoop.Running ?? throw new RuntimeError("no running event loop");
        RunningDriver().Yielded(YieldKind.Foreign, null, coroutine);
        loop.OutsideWork.ForeignAwaitStarted();
        return new ForeignContinuation(loop, coroutine);
    }
}
