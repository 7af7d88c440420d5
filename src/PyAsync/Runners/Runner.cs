namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Runner</c> (Python 3.11): owns one event loop, runs coroutines on it with
/// <see cref="Run{T}(Coroutine{T}, Context?, CancellationToken)"/>, and shuts it down properly on <see cref="Close"/>.
/// </summary>
/// <remarks>
/// Port <c>with asyncio.Runner() as runner:</c> as <c>using (var runner = Runner()) { ... }</c>. Closing
/// cancels the tasks still pending and waits for them, waits for executor jobs, reports what nobody
/// retrieved, and closes the loop. Ctrl+C cancels the main task, as in CPython (see
/// <see cref="Run{T}(Coroutine{T}, Context?, CancellationToken)"/>).
/// </remarks>
public sealed class Runner : IDisposable
{
    private readonly bool? _debug;
    private readonly Func<EventLoop>? _loopFactory;
    private readonly TimeProvider? _clock;
    private EventLoop? _loop;
    // CPython's Runner._context: the context main tasks run in, a copy of the one the runner was first
    // used in. Kept as a snapshot that each run starts from and leaves its changes in, so that the main
    // task's steps run as any task's do (a Context object would be entered at every step).
    private ExecutionContext? _context;
    private RunnerState _state;

    // The runners whose Run is under way on this thread, innermost last: what closes them when an
    // exception ends the program (see UncaughtException).
    [ThreadStatic] private static List<Runner>? t_running;

    static Runner() => UncaughtException.SetRunnerCloser(CloseRunning);

    /// <summary>Mirrors <c>asyncio.Runner(debug=None, loop_factory=None)</c>, plus the clock the loop uses.</summary>
    public Runner(bool? debug = null, Func<EventLoop>? loopFactory = null, TimeProvider? clock = null)
    {
        _debug = debug;
        _loopFactory = loopFactory;
        _clock = clock;
    }

    /// <summary>Mirrors <c>runner.get_loop()</c>: the runner's loop, created on first use.</summary>
    /// <exception cref="RuntimeError">The runner is closed.</exception>
    public EventLoop GetLoop()
    {
        LazyInit();
        return _loop!;
    }

    /// <summary>
    /// Mirrors <c>runner.run(coro, context=None)</c>: runs <paramref name="coro"/> as a task on the
    /// runner's loop until it completes and returns its result, or rethrows its exception with its
    /// original stack trace. The task runs in <paramref name="context"/>, else in the runner's own
    /// <see cref="Context"/> (a copy of the context the runner was first used in), which every run shares,
    /// as in CPython: what one run sets, the next one sees.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Ctrl+C, as in CPython 3.11: while the run goes on, on the process's main thread, the first SIGINT
    /// cancels the main task (its coroutine gets <see cref="CancelledError"/> at its <c>await</c>, and may
    /// clean up); if the task then ends cancelled, <c>Run</c> raises <see cref="KeyboardInterrupt"/>. A second
    /// SIGINT is left to .NET, which ends the process (CPython raises <c>KeyboardInterrupt</c> at once in
    /// the main thread, which C# cannot do inside running code). Runs on other threads do not handle SIGINT,
    /// as CPython's do not.
    /// </para>
    /// <para>
    /// <paramref name="cancellationToken"/> cancels the main task the same way (no Python equivalent): if
    /// the task ends cancelled, <c>Run</c> raises <see cref="OperationCanceledException"/> for that token,
    /// with the task's <see cref="CancelledError"/> as its inner exception; if its coroutine catches the
    /// error and returns, <c>Run</c> returns its result. A token cancelled before the run starts cancels
    /// the task before its first step, so its coroutine never runs.
    /// </para>
    /// <para>
    /// An exception that leaves <c>Run</c> and that nobody catches ends the process as CPython does (on the
    /// main thread): this runner closes first, then the traceback prints, and the exit status is 1; see
    /// <see cref="ProgramContext.RunMain"/>.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">An event loop is already running on this thread, or the runner is closed.</exception>
    /// <exception cref="KeyboardInterrupt">Ctrl+C cancelled the main task.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> cancelled the main task.</exception>
    public T Run<T>(Coroutine<T> coro, Context? context = null, CancellationToken cancellationToken = default)
    {
        var loop = Prepare(coro);
        var task = context is not null ? loop.CreateTask(coro, context: context) : loop.CreateTaskFrom(coro, _context);
        using var interrupts = new MainTaskInterrupts(loop, task, cancellationToken);
        using var running = Running();
        try
        {
            return loop.RunUntilComplete(task);
        }
        catch (CancelledError error) when (interrupts.Raise(error) is { } raised)
        {
            throw raised;
        }
        finally
        {
            if (context is null) _context = task.ContextSnapshot;
        }
    }

    /// <summary>Mirrors <c>runner.run(coro, context=None)</c> for a result-less coroutine; see <see cref="Run{T}(Coroutine{T}, Context?, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">An event loop is already running on this thread, or the runner is closed.</exception>
    /// <exception cref="KeyboardInterrupt">Ctrl+C cancelled the main task.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> cancelled the main task.</exception>
    public void Run(Coroutine coro, Context? context = null, CancellationToken cancellationToken = default)
    {
        var loop = Prepare(coro);
        var task = context is not null ? loop.CreateTask(coro, context: context) : loop.CreateTaskFrom(coro, _context);
        using var interrupts = new MainTaskInterrupts(loop, task, cancellationToken);
        using var running = Running();
        try
        {
            loop.RunUntilComplete(task);
        }
        catch (CancelledError error) when (interrupts.Raise(error) is { } raised)
        {
            throw raised;
        }
        finally
        {
            if (context is null) _context = task.ContextSnapshot;
        }
    }

    /// <summary>Registers this runner as running on this thread until the result is disposed; on the main thread, installs the process's handler.</summary>
    private RunningScope Running()
    {
        if (UncaughtException.IsMainThread) UncaughtException.InstallProcessHook();
        (t_running ??= new List<Runner>()).Add(this);
        return new RunningScope(this);
    }

    private readonly struct RunningScope(Runner runner) : IDisposable
    {
        public void Dispose() => t_running?.Remove(runner);
    }

    /// <summary>
    /// Closes the runners whose <c>Run</c> an exception is leaving on this thread, innermost first, as their
    /// <c>using</c> blocks would, and returns their loops' final reports, to make after the traceback.
    /// </summary>
    private static Action? CloseRunning()
    {
        if (t_running is not { Count: > 0 } running) return null;
        var deferred = new List<Action>();
        for (int i = running.Count - 1; i >= 0; i--) running[i].CloseWith(deferred.Add);
        return () => deferred.ForEach(report => report());
    }

    private EventLoop Prepare(Coroutine coro)
    {
        ArgumentNullException.ThrowIfNull(coro);
        if (EventLoop.Running is not null)
            throw new RuntimeError("Runner.run() cannot be called from a running event loop");
        return GetLoop();
    }

    /// <summary>
    /// Mirrors <c>runner.close()</c>: cancels the loop's pending tasks and waits for them, reports
    /// those that ended with an exception, runs <c>shutdown_asyncgens()</c> and
    /// <c>shutdown_default_executor()</c> (waiting for executor jobs), and closes the loop. As in
    /// CPython, each of these runs the loop, so callbacks that are ready when the last coroutine
    /// returns, and those they schedule, still run for a few iterations (a chain of <c>CallSoon</c>
    /// callbacks started by main's last step runs 4 more links, 7 with tasks left to cancel).
    /// </summary>
    public void Close() => CloseWith(deferFinalSweep: null);

    private void CloseWith(Action<Action>? deferFinalSweep)
    {
        if (_state != RunnerState.Initialized) return;
        var loop = _loop!;
        try
        {
            // As CPython's Runner.close, each step runs the loop: callbacks already ready when main
            // returned, and those they schedule, run for as many iterations as they do in CPython.
            CancelAllTasks(loop);
            loop.RunUntilComplete(ShutdownAsyncgens());
            loop.RunUntilComplete(loop.ShutdownDefaultExecutor());
        }
        finally
        {
            if (EventLoop.CurrentOrNull == loop) EventLoop.SetEventLoop(null);
            loop.CloseWith(deferFinalSweep);
            _loop = null;
            _state = RunnerState.Closed;
        }
    }

    /// <summary>Same as <see cref="Close"/>, for <c>using</c>.</summary>
    public void Dispose() => Close();

    private void LazyInit()
    {
        if (_state == RunnerState.Closed) throw new RuntimeError("Runner is closed");
        if (_state == RunnerState.Initialized) return;
        _loop = _loopFactory is null ? new EventLoop(_clock) : _loopFactory();
        if (_loopFactory is null) EventLoop.SetEventLoop(_loop);
        if (_debug is { } debug) _loop.SetDebug(debug);
        _context = ExecutionContext.Capture();
        _state = RunnerState.Initialized;
    }

    /// <summary>CPython's <c>runners._cancel_all_tasks</c>.</summary>
    private static void CancelAllTasks(EventLoop loop)
    {
        var toCancel = loop.AllTasks();
        if (toCancel.Count == 0) return;
        foreach (var task in toCancel) task.Cancel();
        loop.RunUntilComplete(WhenAllDone(loop, toCancel));
        foreach (var task in toCancel)
        {
            if (task.Cancelled()) continue;
            if (task.Exception() is { } error)
            {
                loop.CallExceptionHandler(new Dictionary<string, object?>
                {
                    ["message"] = "unhandled exception during asyncio.run() shutdown",
                    ["exception"] = error,
                    ["task"] = task,
                });
            }
        }
    }

    /// <summary>
    /// CPython's <c>loop.shutdown_asyncgens()</c>. PyAsync has no asynchronous generators to close, so it
    /// returns at once, as CPython's does when none is alive; run as a task, it still turns the loop
    /// twice (the task's step, then the callback that stops the loop) and takes a <c>Task-N</c> name.
    /// </summary>
#pragma warning disable CS1998 // Nothing to await: no asynchronous generator is ever alive.
    private static async Coroutine ShutdownAsyncgens()
    {
    }
#pragma warning restore CS1998

    /// <summary>A future done when all <paramref name="tasks"/> are (what <c>gather(..., return_exceptions=True)</c> does here).</summary>
    private static Future<NoneType> WhenAllDone(EventLoop loop, List<IPyTask> tasks)
    {
        var all = loop.CreateFuture<NoneType>();
        int remaining = tasks.Count;
        foreach (var task in tasks)
        {
            task.AddDoneCallback(_ =>
            {
                if (--remaining == 0 && !all.Done()) all.SetResult(NoneType.None);
            });
        }
        return all;
    }

    private enum RunnerState
    {
        Created,
        Initialized,
        Closed,
    }
}
