using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

/// <summary>
/// How a coroutine suspends, the C# counterpart of Python's <c>yield</c> inside <c>Future.__await__</c>.
/// </summary>
/// <remarks>
/// <para>
/// A task step runs its innermost coroutine until that coroutine awaits something not yet complete.
/// The coroutine then records on the loop what it waits on (the "yielded" future, a bare yield, or a
/// .NET awaitable) and which coroutine to resume; the awaiting coroutines above it only link
/// themselves as its continuation, and the step returns to the task, which registers its wake-up,
/// exactly as CPython's <c>Task.__step</c> does with the value a coroutine yields.
/// </para>
/// <para>
/// When the task resumes, an exception to raise at the <c>await</c> (a cancellation) is left in the
/// loop's <c>_throwIn</c>, which the resumed awaiter throws from <c>GetResult</c>: CPython's
/// <c>coro.throw(exc)</c>.
/// </para>
/// </remarks>
internal static class Suspension
{
    public static void AwaitUnsafeOnCompleted<TAwaiter>(ref TAwaiter awaiter, Coroutine coroutine)
        where TAwaiter : ICriticalNotifyCompletion
    {
        if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Future)
            YieldFuture(Unsafe.As<TAwaiter, FutureAwaiter>(ref awaiter).Future, coroutine);
        else if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Coroutine)
            Unsafe.As<TAwaiter, CoroutineAwaiter>(ref awaiter).Coroutine.AwaitedBy(coroutine);
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
            YieldFuture(Unsafe.As<TAwaiter, FutureAwaiter>(ref awaiter).Future, coroutine);
        else if (AwaiterKind<TAwaiter>.Value == AwaiterKinds.Coroutine)
            Unsafe.As<TAwaiter, CoroutineAwaiter>(ref awaiter).Coroutine.AwaitedBy(coroutine);
        else
        {
            var continuation = BeginForeign(coroutine);
            try { awaiter.OnCompleted(continuation.Invoke); }
            catch { continuation.Abandon(); throw; }
        }
    }

    /// <summary><c>yield future</c>: the task will wait for <paramref name="future"/>, then resume <paramref name="from"/>.</summary>
    public static void YieldFuture(Future future, Coroutine from) =>
        RunningTask(EventLoop.Running!).Yielded(YieldKind.Future, future, from);

    /// <summary>A bare <c>yield</c> (<c>sleep(0)</c>): the task steps again on the next iteration.</summary>
    public static void YieldBare(EventLoop loop, Coroutine from) => RunningTask(loop).Yielded(YieldKind.Bare, null, from);

    private static IPyTaskInternal RunningTask(EventLoop loop) =>
        loop._currentTask ?? throw new RuntimeError("a coroutine suspended outside any task step");

    // How many loops hold an exception to throw in right now: almost always 0, so an await
    // checks this process-wide count before reading its thread's loop.
    private static int s_pendingThrowIns;

    /// <summary>A task is about to resume a coroutine that must raise <paramref name="error"/> at its await.</summary>
    public static void SetThrowIn(EventLoop loop, Exception? error)
    {
        if (error is null) return;
        loop._throwIn = error;
        Interlocked.Increment(ref s_pendingThrowIns);
    }

    /// <summary>The resumed coroutine did not take it (it was not at a PyAsync await): drop it.</summary>
    public static void ClearThrowIn(EventLoop loop)
    {
        if (loop._throwIn is null) return;
        loop._throwIn = null;
        Interlocked.Decrement(ref s_pendingThrowIns);
    }

    /// <summary>The exception the resuming task throws in at this await, if any (taken once).</summary>
    public static Exception? TakeThrownIn()
    {
        if (Volatile.Read(ref s_pendingThrowIns) == 0) return null;
        if (EventLoop.Running is not { _throwIn: { } error } loop) return null;
        loop._throwIn = null;
        Interlocked.Decrement(ref s_pendingThrowIns);
        return error;
    }

    public static void ThrowIfThrownIn()
    {
        if (TakeThrownIn() is { } error) throw error;
    }

    public static void CoroutineResult(Coroutine coroutine)
    {
        if (!coroutine.IsCompleted && coroutine._link is Future driver)
        {
            // A task drove it and ended without running it to completion (cancelled before its first step).
            driver.Result();
        }
        coroutine.ThrowIfFailed();
    }

    /// <summary>
    /// The task that drives a coroutine awaited by non-PyAsync code: the task made for it when it was
    /// awaited outside any task, or a new task that takes over a coroutine that started inline in the
    /// current step and has just suspended.
    /// </summary>
    public static Future DrivingTask(Coroutine coroutine)
    {
        if (coroutine._link is Future task) return task;
        var loop = EventLoop.Running ?? throw new RuntimeError("no running event loop");
        var current = loop._currentTask;
        if (coroutine._state != CoroutineState.Started || current is null || current.PendingYield == YieldKind.None || coroutine._link is not null)
            throw new RuntimeError($"{coroutine} is awaited by .NET code but is not suspended in the current task step");
        var adopted = new PyTask(coroutine, loop, name: null, context: null, adopt: true);
        ((IPyTaskInternal)adopted).AdoptSuspended(loop, current);
        return adopted;
    }

    /// <summary>The coroutine awaits a .NET awaitable: the task waits for its continuation.</summary>
    private static ForeignContinuation BeginForeign(Coroutine coroutine)
    {
        var loop = EventLoop.Running ?? throw new RuntimeError("no running event loop");
        RunningTask(loop).Yielded(YieldKind.Foreign, null, coroutine);
        loop.ForeignAwaitStarted();
        return new ForeignContinuation(loop, coroutine);
    }
}

internal enum AwaiterKinds
{
    Foreign,
    Future,
    Coroutine,
}

/// <summary>
/// Which kind of awaiter <typeparamref name="TAwaiter"/> is, computed once per type. A static
/// readonly value, so optimised code folds the test away, and unoptimised (Debug) code does not box
/// the awaiter to test it.
/// </summary>
internal static class AwaiterKind<TAwaiter>
{
    public static readonly AwaiterKinds Value =
        !typeof(TAwaiter).IsValueType ? AwaiterKinds.Foreign
        : typeof(IFutureAwaiter).IsAssignableFrom(typeof(TAwaiter)) ? AwaiterKinds.Future
        : typeof(ICoroutineAwaiter).IsAssignableFrom(typeof(TAwaiter)) ? AwaiterKinds.Coroutine
        : AwaiterKinds.Foreign;
}

/// <summary>
/// The continuation a coroutine registers on a .NET awaitable. Whatever thread it runs on, it only
/// schedules the task's next step on the loop: a task never steps inline inside someone else's callback.
/// </summary>
internal sealed class ForeignContinuation(EventLoop loop, Coroutine coroutine) : IReadyCallback
{
    private int _fired;

    public void Invoke()
    {
        if (Interlocked.Exchange(ref _fired, 1) != 0) return;
        if (loop.IsLoopThread) loop.EnqueueReady(this, null);
        else loop.PostThreadsafe(this, null);
        loop.ForeignAwaitEnded();
    }

    /// <summary>Registering the continuation failed: undo what <c>BeginForeign</c> recorded.</summary>
    public void Abandon()
    {
        _fired = 1;
        loop.ForeignAwaitEnded();
        loop._currentTask?.Yielded(YieldKind.None, null, null);
    }

    public void Run(object? arg) => coroutine.FindTask()?.ResumeFromForeign(coroutine);

    public string Describe(object? arg) => "Task.task_wakeup()";
}

/// <summary>
/// Non-PyAsync code (a TPL async method) waiting on a future or task: its continuation runs when
/// the future is done, as a done callback on the loop's thread, or back on the thread pool (or the
/// caller's <see cref="SynchronizationContext"/>) when it registered from another thread.
/// </summary>
internal sealed class ForeignWaiter : IReadyCallback
{
    private static readonly IReadyCallback s_registerLater = new RegisterLater();

    private readonly EventLoop _loop;
    private readonly Action _continuation;
    private readonly bool _offLoop;
    private readonly SynchronizationContext? _context;

    private ForeignWaiter(EventLoop loop, Action continuation, bool offLoop, SynchronizationContext? context)
    {
        _loop = loop;
        _continuation = continuation;
        _offLoop = offLoop;
        _context = context;
    }

    public static void Register(Future future, Action continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var loop = future._loop ?? EventLoop.CurrentOrNull ?? throw new RuntimeError("no running event loop");
        if (!loop.IsRunning() || loop.IsLoopThread)
        {
            future._loop ??= loop;
            loop.ForeignWaiterStarted();
            future.AddCallback(new ForeignWaiter(loop, continuation, offLoop: false, null));
            return;
        }
        var context = SynchronizationContext.Current;
        loop.PostThreadsafe(s_registerLater, (future, new ForeignWaiter(loop, continuation, offLoop: true, context)));
    }

    public void Run(object? arg)
    {
        _loop.ForeignWaiterEnded();
        if (!_offLoop)
        {
            _continuation();
            _loop.RestoreRunContext();
        }
        else if (_context is not null) _context.Post(static c => ((Action)c!)(), _continuation);
        else ThreadPool.UnsafeQueueUserWorkItem(static c => c(), _continuation, preferLocal: false);
    }

    public string Describe(object? arg) => Names.OfDelegate(_continuation) + "()";

    private sealed class RegisterLater : IReadyCallback
    {
        public void Run(object? arg)
        {
            var (future, waiter) = ((Future, ForeignWaiter))arg!;
            future._loop ??= waiter._loop;
            waiter._loop.ForeignWaiterStarted();
            future.AddCallback(waiter);
        }

        public string Describe(object? arg) => "register_waiter()";
    }
}
