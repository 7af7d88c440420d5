using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors asyncio's event loop (<c>BaseEventLoop</c>): a single-threaded, deterministic scheduler
/// with a FIFO ready queue and a timer heap.
/// </summary>
/// <remarks>
/// <para>
/// One iteration (CPython's <c>_run_once</c>) waits until something is ready or the next timer is
/// due, moves due timers to the ready queue (ties in the order they were scheduled), then runs exactly
/// the callbacks that were ready when the iteration began: what they schedule runs on the next
/// iteration. Callbacks scheduled from other threads (<see cref="CallSoonThreadsafe(Action, ExecutionContext?)"/>)
/// wake the loop and join the ready queue at the next iteration.
/// </para>
/// <para>
/// While it runs, the loop is its thread's <see cref="SynchronizationContext"/>, so a .NET
/// <see cref="Task"/> awaited inside a coroutine resumes on the loop's thread. Time comes from a
/// <see cref="TimeProvider"/>; with a <see cref="VirtualClock"/> the loop jumps to the next timer
/// instead of sleeping whenever it has nothing ready and waits on nothing outside itself.
/// </para>
/// </remarks>
public sealed class EventLoop
{
    [ThreadStatic] private static EventLoop? t_running;
    [ThreadStatic] private static TimeProvider? t_executorClock;
    [ThreadStatic] private static EventLoop? t_current;

    private const int MinScheduledTimerHandles = 100;
    private const double MinCancelledTimerHandlesFraction = 0.5;
    private static readonly TimeSpan s_virtualGrace = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _clock;
    private readonly VirtualClock? _virtualClock;
    private readonly double _secondsPerTick;
    private readonly double _clockResolution;
    internal readonly ProgramContext? _program;
    private readonly LoopSynchronizationContext _syncContext;

    private readonly ReadyQueue _ready = new();
    // CallSoon's nodes that have run, ready for reuse: usually one is enough.
    private CallbackNode? _spareNode;
    private readonly Stack<CallbackNode> _freeNodes = new();
    private readonly TimerHeap _scheduled = new();
    internal int _timerCancelledCount;
    private long _timerSequence;

    private readonly object _incomingLock = new();
    private List<ReadyItem> _incoming = new();
    private List<ReadyItem> _incomingSpare = new();
    private volatile bool _hasIncoming;
    private bool _waiting;

    private volatile int _threadId;
    private bool _stopping;
    private bool _closed;
    private bool _debug;
    private long _iteration;
    // The ExecutionContext the loop's thread is in between callbacks. Every callback that runs user
    // code restores it if the code changed the context, so the next one can rely on it.
    internal ExecutionContext? _runContext;
    private Action<EventLoop, Dictionary<string, object?>>? _exceptionHandler;
    private bool _warnedVirtualGrace;

    // The task whose step is running (it records what its innermost coroutine suspended on).
    internal IPyTaskInternal? _currentTask;
    // The exception a resumed coroutine must raise at its await (a cancellation, usually).
    internal Exception? _throwIn;

    // Outside work the virtual clock must wait for: executor jobs; .NET awaitables awaited by
    // coroutines; and, counted against those, .NET code that is itself waiting on the loop.
    private int _executorWork;
    private int _foreignAwaits;
    private int _foreignWaiters;
    private Future<NoneType>? _executorIdle;

    private readonly TaskRegistry _tasks = new();

    internal readonly FreshCoroutines _freshCoroutines = new();
    private readonly List<WeakReference<UnawaitedCoroutine>> _unawaited = new();
    private int _unawaitedPruneAt = 64;

    private readonly List<(Future Future, long Iteration)> _failed = new();
    private readonly List<Future> _heldFailed = new();
    private int _heldFailedCheckAt = 64;

    /// <summary>Mirrors <c>asyncio.new_event_loop()</c>: a loop on the default clock (see <see cref="ProgramContext"/>).</summary>
    public EventLoop() : this(null) { }

    /// <summary>Creates a loop that reads time from <paramref name="clock"/>; null means the default clock.</summary>
    public EventLoop(TimeProvider? clock)
    {
        _program = ProgramContext.Current;
        _clock = clock ?? ProgramContext.DefaultClock();
        _virtualClock = _clock as VirtualClock;
        _secondsPerTick = 1.0 / _clock.TimestampFrequency;
        _clockResolution = _virtualClock is null ? _secondsPerTick : 1e-9;
        _syncContext = new LoopSynchronizationContext(this);
    }

    /// <summary>
    /// Mirrors <c>loop.slow_callback_duration</c>: in debug mode, a callback or task step that runs at
    /// least this many seconds is reported as <c>Executing ... took N seconds</c>. Default 0.1.
    /// </summary>
    public double SlowCallbackDuration { get; set; } = 0.1;

    internal static EventLoop? Running => t_running;

    /// <summary>The clock that <see cref="PyAsync.Time"/> reads on this thread: the running loop's, or that of the loop whose executor job runs here.</summary>
    internal static TimeProvider? ThreadClock => t_running?._clock ?? t_executorClock;

    internal bool IsLoopThread => _threadId == Environment.CurrentManagedThreadId;

    internal bool IsVirtual => _virtualClock is not null;

    internal TimeProvider Clock => _clock;

    // ---------------------------------------------------------------- getting loops

    /// <summary>Mirrors <c>asyncio.get_running_loop()</c>.</summary>
    /// <exception cref="RuntimeError">No event loop is running on this thread.</exception>
    public static EventLoop GetRunningLoop() => t_running ?? throw new RuntimeError("no running event loop");

    /// <summary>
    /// Mirrors <c>asyncio.get_event_loop()</c>: the running loop, else the loop set for this thread
    /// with <see cref="SetEventLoop"/>. As in Python 3.12 and 3.13, when there is neither it emits a
    /// <c>DeprecationWarning</c> and creates and sets a new loop.
    /// </summary>
    public static EventLoop GetEventLoop()
    {
        if (t_running is { } running) return running;
        if (t_current is { } current) return current;
        Warnings.Warn("There is no current event loop", "DeprecationWarning");
        return t_current = new EventLoop();
    }

    /// <summary>Mirrors <c>asyncio.set_event_loop(loop)</c>: the loop <see cref="GetEventLoop"/> returns on this thread.</summary>
    public static void SetEventLoop(EventLoop? loop) => t_current = loop;

    internal static EventLoop? CurrentOrNull => t_running ?? t_current;

    // ---------------------------------------------------------------- time

    /// <summary>
    /// Mirrors <c>loop.time()</c>: seconds on the loop's monotonic clock, the scale of
    /// <see cref="CallAt(double, Action, ExecutionContext?)"/>. On a <see cref="VirtualClock"/>, virtual seconds from 0.
    /// </summary>
    public double Time() => _virtualClock is { } v ? v.Seconds : _clock.GetTimestamp() * _secondsPerTick;

    // ---------------------------------------------------------------- scheduling callbacks

    /// <summary>
    /// Mirrors <c>loop.call_soon(callback)</c>: runs <paramref name="callback"/> on a later iteration,
    /// after the callbacks already scheduled, in <paramref name="context"/> (default: the current one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public Handle CallSoon(Action callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CallSoonCore(callback, null, null, context);
    }

    /// <summary>Mirrors <c>loop.call_soon(callback, arg)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public Handle CallSoon<T>(Action<T> callback, T arg, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CallSoonCore(callback, arg, HandleInvoker<T>.Instance, context);
    }

    private Handle CallSoonCore(Delegate callback, object? arg, Action<Delegate, object?>? invoke, ExecutionContext? context)
    {
        CheckClosed();
        if (_debug) CheckThread();
        var node = _spareNode;
        if (node is not null) _spareNode = null;
        else node = _freeNodes.TryPop(out var free) ? free : new CallbackNode(this, reusable: true);
        var handle = node.Prepare(callback, arg, invoke, context);
        _ready.Enqueue(node, null);
        return handle;
    }

    /// <summary>A <c>CallSoon</c> callback has run: its node serves the next one.</summary>
    internal void ReturnNode(CallbackNode node)
    {
        if (_spareNode is null) _spareNode = node;
        else _freeNodes.Push(node);
    }

    /// <summary>
    /// Mirrors <c>loop.call_soon_threadsafe(callback)</c>: like <see cref="CallSoon(Action, ExecutionContext?)"/>
    /// but callable from any thread; it wakes the loop if it is waiting.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public Handle CallSoonThreadsafe(Action callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        CheckClosed();
        var node = new CallbackNode(this, reusable: false);
        var handle = node.Prepare(callback, null, null, context);
        PostThreadsafe(node, null);
        return handle;
    }

    /// <summary>Mirrors <c>loop.call_soon_threadsafe(callback, arg)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public Handle CallSoonThreadsafe<T>(Action<T> callback, T arg, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        CheckClosed();
        var node = new CallbackNode(this, reusable: false);
        var handle = node.Prepare(callback, arg, HandleInvoker<T>.Instance, context);
        PostThreadsafe(node, null);
        return handle;
    }

    /// <summary>
    /// Mirrors <c>loop.call_later(delay, callback)</c>: runs <paramref name="callback"/> once, about
    /// <paramref name="delay"/> seconds from now. Callbacks due at the same time run in the order they
    /// were scheduled.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public TimerHandle CallLater(double delay, Action callback, ExecutionContext? context = null) =>
        CallAt(Time() + delay, callback, context);

    /// <summary>Mirrors <c>loop.call_later(delay, callback, arg)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public TimerHandle CallLater<T>(double delay, Action<T> callback, T arg, ExecutionContext? context = null) =>
        CallAt(Time() + delay, callback, arg, context);

    /// <summary>Mirrors <c>loop.call_at(when, callback)</c>: <paramref name="when"/> is on the <see cref="Time"/> scale.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public TimerHandle CallAt(double when, Action callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Schedule(when, callback, null, null, context);
    }

    /// <summary>Mirrors <c>loop.call_at(when, callback, arg)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public TimerHandle CallAt<T>(double when, Action<T> callback, T arg, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Schedule(when, callback, arg, HandleInvoker<T>.Instance, context);
    }

    internal TimerHandle Schedule(double when, Delegate callback, object? arg, Action<Delegate, object?>? invoke, ExecutionContext? context)
    {
        CheckClosed();
        if (_debug) CheckThread();
        if (double.IsNaN(when)) throw new ValueError("when cannot be NaN");
        var timer = new TimerHandle(this, when, callback, arg, invoke, context);
        ScheduleTimer(timer, when);
        return timer;
    }

    /// <summary>Puts <paramref name="timer"/> in the heap, due at <paramref name="when"/> (after the timers already due then).</summary>
    internal void ScheduleTimer(IScheduledTimer timer, double when)
    {
        timer.IsScheduled = true;
        _scheduled.Push(timer, when, _timerSequence++);
    }

    /// <summary>
    /// Adds a callback to the ready queue from the loop's own thread (no Handle, no allocation). As in
    /// CPython, only debug mode checks the thread: completing a future from another thread without
    /// <c>CallSoonThreadsafe</c> is a bug that debug mode reports.
    /// </summary>
    internal void EnqueueReady(IReadyCallback callback, object? arg)
    {
        if (_debug) CheckThread();
        _ready.Enqueue(callback, arg);
    }

    /// <summary>Adds a callback from any thread and wakes the loop.</summary>
    internal void PostThreadsafe(IReadyCallback callback, object? arg)
    {
        lock (_incomingLock)
        {
            _incoming.Add(new ReadyItem(callback, arg));
            _hasIncoming = true;
            if (_waiting) Monitor.Pulse(_incomingLock);
        }
    }

    /// <summary>
    /// Outside work finished (its result was posted first): a loop that went to wait while the work
    /// still counted must look again, or a virtual clock would never jump.
    /// </summary>
    private void WakeIfWaiting()
    {
        lock (_incomingLock)
        {
            if (_waiting) Monitor.Pulse(_incomingLock);
        }
    }

    private void DrainIncoming()
    {
        List<ReadyItem> items;
        lock (_incomingLock)
        {
            items = _incoming;
            _incoming = _incomingSpare;
            _incomingSpare = items;
            _hasIncoming = false;
        }
        foreach (var item in items) _ready.Enqueue(item.Callback, item.Arg);
        items.Clear();
    }

    // ---------------------------------------------------------------- futures and tasks

    /// <summary>Mirrors <c>loop.create_future()</c>: a future bound to this loop.</summary>
    public Future<T> CreateFuture<T>() => new(this);

    /// <summary>Mirrors <c>loop.create_future()</c> for a future whose result type does not matter.</summary>
    public Future<object?> CreateFuture() => new(this);

    /// <summary>
    /// Mirrors <c>loop.create_task(coro, name=None, context=None)</c>: wraps <paramref name="coro"/> in
    /// a task whose first step runs on a later iteration. Works before the loop runs.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public PyTask<T> CreateTask<T>(Coroutine<T> coro, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(coro);
        CheckClosed();
        return new PyTask<T>(coro, this, name, context);
    }

    /// <summary>Mirrors <c>loop.create_task(coro, name=None, context=None)</c> for a result-less coroutine.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public PyTask CreateTask(Coroutine coro, string? name = null, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(coro);
        CheckClosed();
        return new PyTask(coro, this, name, context);
    }

    /// <summary>Adds a pending task; returns the slot the task keeps for <see cref="UnregisterTask"/>.</summary>
    internal int RegisterTask(IPyTaskInternal task) => _tasks.Register(task);

    internal void UnregisterTask(int index) => _tasks.Unregister(index);

    /// <summary>The loop's tasks that are not done yet (CPython's <c>all_tasks(loop)</c>).</summary>
    internal List<IPyTask> PendingTasks() => _tasks.Snapshot();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EnterTask(IPyTaskInternal task)
    {
        if (_currentTask is not null)
            throw new RuntimeError($"Cannot enter into task {task} while another task {_currentTask} is being executed.");
        _currentTask = task;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void LeaveTask(IPyTaskInternal task)
    {
        if (_currentTask != task)
            throw new RuntimeError($"Leaving task {task} does not match the current task {_currentTask}.");
        _currentTask = null;
    }

    /// <summary>
    /// After user code ran inline on the loop's thread: if it changed the <see cref="ExecutionContext"/>
    /// (set an <see cref="AsyncLocal{T}"/>), put back the loop's own, as Python's <c>Context.run</c>
    /// keeps a callback's changes to itself.
    /// </summary>
    internal void RestoreRunContext()
    {
        var runContext = _runContext;
        if (runContext is not null && ExecutionContext.Capture() != runContext) ExecutionContext.Restore(runContext);
    }

    // ---------------------------------------------------------------- outside work (virtual clock)

    internal void ForeignAwaitStarted() => Interlocked.Increment(ref _foreignAwaits);

    internal void ForeignAwaitEnded()
    {
        Interlocked.Decrement(ref _foreignAwaits);
        WakeIfWaiting();
    }

    internal void ForeignWaiterStarted() => Interlocked.Increment(ref _foreignWaiters);

    internal void ForeignWaiterEnded() => Interlocked.Decrement(ref _foreignWaiters);

    private bool WaitsOnExecutor => Volatile.Read(ref _executorWork) > 0;

    private bool WaitsOnForeignAwaits => Volatile.Read(ref _foreignAwaits) > Volatile.Read(ref _foreignWaiters);

    /// <summary>
    /// Mirrors <c>loop.run_in_executor(executor, func)</c>: runs <paramref name="func"/> on the thread
    /// pool (or on <paramref name="executor"/>) and returns a future for its result. The virtual clock
    /// does not jump while the function runs. Cancelling the future does not stop a function that has
    /// started; its result is then dropped, as in CPython.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="func"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public Future<T> RunInExecutor<T>(TaskScheduler? executor, Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        CheckClosed();
        var future = CreateFuture<T>();
        // The job counts as outside work until the loop has taken in its result (ExecutorResult
        // retires it on the loop's thread), so a virtual clock cannot jump in between.
        Interlocked.Increment(ref _executorWork);
        var clock = _clock;
        Task.Factory.StartNew(() =>
        {
            // Time.Sleep() and friends in the job read the loop's clock, virtual or not.
            t_executorClock = clock;
            try
            {
                var result = func();
                PostThreadsafe(ExecutorResult<T>.Instance, (future, result, (Exception?)null));
            }
            catch (Exception e)
            {
                PostThreadsafe(ExecutorResult<T>.Instance, (future, default(T), (Exception?)e));
            }
            finally
            {
                t_executorClock = null;
            }
        }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, executor ?? TaskScheduler.Default);
        return future;
    }

    /// <summary>Mirrors <c>loop.run_in_executor(executor, func)</c> for a function without a result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="func"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public Future<NoneType> RunInExecutor(TaskScheduler? executor, Action func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return RunInExecutor(executor, () => { func(); return NoneType.None; });
    }

    private sealed class ExecutorResult<T> : IReadyCallback
    {
        public static readonly ExecutorResult<T> Instance = new();

        public void Run(object? arg)
        {
            var (future, result, error) = ((Future<T>, T, Exception?))arg!;
            var loop = future._loop!;
            if (!future.Cancelled())
            {
                if (error is null) future.SetResult(result);
                else future.SetException(error);
            }
            if (Interlocked.Decrement(ref loop._executorWork) == 0 && loop._executorIdle is { } idle && !idle.Done())
                idle.SetResult(NoneType.None);
        }

        public string Describe(object? arg) => "_chain_future.<locals>._set_state()";
    }

    /// <summary>A future that completes once no executor job is running (CPython's <c>shutdown_default_executor</c>).</summary>
    internal Future<NoneType> ExecutorIdle()
    {
        var idle = CreateFuture<NoneType>();
        if (Volatile.Read(ref _executorWork) == 0) idle.SetResult(NoneType.None);
        else _executorIdle = idle;
        return idle;
    }

    // ---------------------------------------------------------------- running

    /// <summary>Mirrors <c>loop.is_running()</c>.</summary>
    public bool IsRunning() => _threadId != 0;

    /// <summary>Mirrors <c>loop.is_closed()</c>.</summary>
    public bool IsClosed() => _closed;

    /// <summary>Mirrors <c>loop.get_debug()</c>.</summary>
    public bool GetDebug() => _debug;

    /// <summary>
    /// Mirrors <c>loop.set_debug(enabled)</c>: in debug mode slow callbacks and task steps are reported
    /// (see <see cref="SlowCallbackDuration"/>) and loop methods check they are called on the loop's thread.
    /// </summary>
    public void SetDebug(bool enabled) => _debug = enabled;

    /// <summary>Mirrors <c>loop.stop()</c>: the loop stops after the current iteration.</summary>
    public void Stop() => _stopping = true;

    /// <summary>Mirrors <c>loop.run_forever()</c>: runs until <see cref="Stop"/> is called.</summary>
    /// <exception cref="RuntimeError">The loop is closed, already running, or another loop runs on this thread.</exception>
    public void RunForever()
    {
        CheckClosed();
        CheckRunning();
        var previousContext = SynchronizationContext.Current;
        _threadId = Environment.CurrentManagedThreadId;
        t_running = this;
        _runContext = ExecutionContext.Capture();
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            while (true)
            {
                RunOnce();
                AfterIteration();
                if (_stopping) break;
            }
        }
        finally
        {
            _stopping = false;
            _threadId = 0;
            t_running = null;
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }
    }

    /// <summary>
    /// Mirrors <c>loop.run_until_complete(future)</c>: runs the loop until <paramref name="future"/> is
    /// done and returns its result or throws its exception.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed or running, or it was stopped before the future completed.</exception>
    public T RunUntilComplete<T>(Future<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        RunUntilDone(future, newTask: false);
        return future.Result();
    }

    /// <summary>Mirrors <c>loop.run_until_complete(coro)</c>: wraps the coroutine in a task and runs it to completion.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed or running, or it was stopped before the task completed.</exception>
    public T RunUntilComplete<T>(Coroutine<T> coro)
    {
        ArgumentNullException.ThrowIfNull(coro);
        CheckClosed();
        CheckRunning();
        var task = CreateTask(coro);
        RunUntilDone(task, newTask: true);
        return task.Result();
    }

    /// <summary>Mirrors <c>loop.run_until_complete(coro)</c> for a result-less coroutine.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed or running, or it was stopped before the task completed.</exception>
    public void RunUntilComplete(Coroutine coro)
    {
        ArgumentNullException.ThrowIfNull(coro);
        CheckClosed();
        CheckRunning();
        var task = CreateTask(coro);
        RunUntilDone(task, newTask: true);
        task.Result();
    }

    /// <summary>Mirrors <c>loop.run_until_complete(future)</c> for any future; returns its result as an object.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed or running, or it was stopped before the future completed.</exception>
    public object? RunUntilComplete(Future future)
    {
        ArgumentNullException.ThrowIfNull(future);
        RunUntilDone(future, newTask: false);
        return future.Result();
    }

    private void RunUntilDone(Future future, bool newTask)
    {
        CheckClosed();
        CheckRunning();
        if (future._loop is null) future._loop = this;
        else if (future._loop != this) throw new ValueError("The future belongs to a different loop than the one specified as the loop argument");
        future.AddCallback(RunUntilCompleteCallback.Instance);
        try
        {
            RunForever();
        }
        catch
        {
            if (newTask && future.Done() && !future.Cancelled()) future.Exception();
            throw;
        }
        finally
        {
            future.RemoveCallback(RunUntilCompleteCallback.Instance);
        }
        if (!future.Done()) throw new RuntimeError("Event loop stopped before Future completed.");
    }

    /// <summary>CPython's <c>_run_until_complete_cb</c>: stops the loop once the future is done.</summary>
    private sealed class RunUntilCompleteCallback : IReadyCallback
    {
        public static readonly RunUntilCompleteCallback Instance = new();

        public void Run(object? arg)
        {
            var future = (Future)arg!;
            if (!future.Cancelled()) future.Exception();
            future._loop!.Stop();
        }

        public string Describe(object? arg) => "_run_until_complete_cb()";
    }

    /// <summary>
    /// Mirrors <c>loop.close()</c>: drops what is still scheduled and reports, in a final sweep, the
    /// exceptions no one retrieved and the coroutines no one awaited. Closing twice does nothing.
    /// </summary>
    /// <exception cref="RuntimeError">The loop is running.</exception>
    public void Close()
    {
        if (IsRunning()) throw new RuntimeError("Cannot close a running event loop");
        if (_closed) return;
        _closed = true;
        _ready.Release();
        _tasks.Release();
        _scheduled.Clear();
        lock (_incomingLock) _incoming.Clear();
        FinalSweep();
        if (t_current == this) t_current = null;
    }

    private void CheckClosed()
    {
        if (_closed) throw new RuntimeError("Event loop is closed");
    }

    private void CheckRunning()
    {
        if (IsRunning()) throw new RuntimeError("This event loop is already running");
        if (t_running is not null) throw new RuntimeError("Cannot run the event loop while another loop is running");
    }

    private void CheckThread()
    {
        if (_threadId != 0 && _threadId != Environment.CurrentManagedThreadId)
            throw new RuntimeError("Non-thread-safe operation invoked on an event loop other than the current one");
    }

    // ---------------------------------------------------------------- one iteration

    private void RunOnce()
    {
        int scheduledCount = _scheduled.Count;
        if (scheduledCount > MinScheduledTimerHandles &&
            _timerCancelledCount > scheduledCount * MinCancelledTimerHandlesFraction)
        {
            _scheduled.RemoveCancelled();
            _timerCancelledCount = 0;
        }
        else
        {
            while (_scheduled.Count > 0 && _scheduled.Peek().IsCancelled)
            {
                _timerCancelledCount--;
                _scheduled.Pop().IsScheduled = false;
            }
        }

        if (_ready.Count == 0 && !_stopping) WaitForEvents();
        if (_hasIncoming) DrainIncoming();

        double endTime = _scheduled.Count > 0 ? Time() + _clockResolution : 0;
        while (_scheduled.Count > 0 && _scheduled.PeekWhen() < endTime)
        {
            var timer = _scheduled.Pop();
            timer.IsScheduled = false;
            _ready.Enqueue(timer, null);
        }

        int ntodo = _ready.Count;
        for (int i = 0; i < ntodo; i++)
        {
            var item = _ready.Dequeue();
            if (_debug) RunDebug(item);
            else RunItem(item);
        }
    }

    private void RunItem(ReadyItem item)
    {
        try
        {
            item.Callback.Run(item.Arg);
        }
        catch (Exception e)
        {
            // Handles and tasks report their own exceptions; this keeps the loop alive if anything else throws.
            CallExceptionHandler(new Dictionary<string, object?>
            {
                ["message"] = $"Exception in callback {item.Callback.Describe(item.Arg)}",
                ["exception"] = e,
            });
        }
    }

    private void RunDebug(ReadyItem item)
    {
        // A CallSoon callback's node is reused once it has run: describe it first. A task is
        // described after its step, as CPython shows it.
        string? before = item.Callback is IPyTask ? null : FormatHandle(item);
        double start = Time();
        RunItem(item);
        double elapsed = Time() - start;
        if (elapsed >= SlowCallbackDuration)
            Logger.Warning($"Executing {before ?? FormatHandle(item)} took {elapsed.ToString("F3", CultureInfo.InvariantCulture)} seconds");
    }

    private static string FormatHandle(ReadyItem item) => item.Callback switch
    {
        IPyTask task => task.ToString()!,
        TimerHandle or CallbackNode => item.Callback.ToString()!,
        IScheduledTimer timer => $"<TimerHandle {timer.Describe(item.Arg)}>",
        var other => $"<Handle {other.Describe(item.Arg)}>",
    };

    private void WaitForEvents()
    {
        bool hasTimer = _scheduled.Count > 0;
        double timeout = hasTimer ? Math.Max(0, _scheduled.PeekWhen() - Time()) : -1;
        if (timeout == 0) return;
        if (_virtualClock is null)
        {
            WaitIncoming(timeout);
            return;
        }
        if (!WaitsOnExecutor && !WaitsOnForeignAwaits)
        {
            if (hasTimer)
            {
                if (!_hasIncoming) _virtualClock.AdvanceTo(_scheduled.PeekWhen());
                return;
            }
            WaitIncoming(-1);
            return;
        }
        if (WaitsOnExecutor || !hasTimer)
        {
            WaitIncoming(-1);
            return;
        }
        // Only .NET awaits are pending. They may be waiting on this very loop in ways it cannot see
        // (a TaskCompletionSource that a coroutine completes later): after a grace period, jump.
        if (!WaitIncoming(s_virtualGrace.TotalSeconds) && !_hasIncoming)
        {
            if (!_warnedVirtualGrace)
            {
                _warnedVirtualGrace = true;
                Logger.Warning("VirtualClock: .NET awaits pending for 1 s of real time while timers wait; advancing the virtual clock");
            }
            _virtualClock.AdvanceTo(_scheduled.PeekWhen());
        }
    }

    /// <summary>Waits until another thread posts a callback or <paramref name="seconds"/> pass (negative: no limit).</summary>
    private bool WaitIncoming(double seconds)
    {
        lock (_incomingLock)
        {
            if (_hasIncoming) return true;
            _waiting = true;
            try
            {
                if (seconds < 0) Monitor.Wait(_incomingLock);
                else Monitor.Wait(_incomingLock, (int)Math.Min(int.MaxValue, Math.Ceiling(seconds * 1000)));
            }
            finally
            {
                _waiting = false;
            }
            return _hasIncoming;
        }
    }

    private void AfterIteration()
    {
        _iteration++;
        if (_freshCoroutines.HasLive) TrackFreshCoroutines();
        else if (!_freshCoroutines.IsEmpty) _freshCoroutines.Reset();
        if (_failed.Count > 0) CheckFailed();
    }

    // ---------------------------------------------------------------- never-awaited coroutines

    /// <summary>
    /// Coroutines created during the last iteration that nobody awaited or scheduled yet get a
    /// sentinel that warns if they are collected unawaited; the final sweep warns for the rest.
    /// </summary>
    private void TrackFreshCoroutines()
    {
        _freshCoroutines.Drain(this, static (loop, coroutine) =>
        {
            if (coroutine._state != CoroutineState.Created || coroutine._link is not null) return;
            var sentinel = new UnawaitedCoroutine(coroutine.QualName, loop._runContext);
            coroutine._link = sentinel;
            loop._unawaited.Add(new WeakReference<UnawaitedCoroutine>(sentinel));
        });
        if (_unawaited.Count >= _unawaitedPruneAt)
        {
            _unawaited.RemoveAll(w => !w.TryGetTarget(out var s) || s.Done);
            _unawaitedPruneAt = Math.Max(64, _unawaited.Count * 2);
        }
    }

    // ---------------------------------------------------------------- unretrieved exceptions

    internal void NoteFailed(Future future) => _failed.Add((future, _iteration));

    /// <summary>
    /// One iteration after a future failed, if its exception is still unretrieved, decide as CPython's
    /// reference counting would whether anyone can still retrieve it: a full garbage collection tells
    /// whether the future is still reachable. Unreachable ones are reported now; reachable ones are
    /// kept and checked again later, and reported in the final sweep if still unretrieved.
    /// </summary>
    private void CheckFailed()
    {
        var reports = TakeUnreachableCandidates(_iteration);
        if (reports is null) return;
        GC.Collect();
        foreach (var report in reports)
        {
            if (report.Future.TryGetTarget(out var future))
            {
                if (future._logTraceback) _heldFailed.Add(future);
            }
            else
            {
                ReportUnretrieved(report.Message, report.Exception, report.Repr);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private List<UnretrievedReport>? TakeUnreachableCandidates(long iteration)
    {
        List<UnretrievedReport>? reports = null;
        int kept = 0;
        for (int i = 0; i < _failed.Count; i++)
        {
            var (future, failedAt) = _failed[i];
            // Give the callbacks its completion scheduled (a waiter's wake-up) one full iteration.
            if (failedAt + 1 >= iteration) { _failed[kept++] = _failed[i]; continue; }
            if (!future._logTraceback) continue;
            (reports ??= new()).Add(UnretrievedReport.For(future));
        }
        _failed.RemoveRange(kept, _failed.Count - kept);
        if (_heldFailed.Count >= _heldFailedCheckAt)
        {
            foreach (var held in _heldFailed)
                if (held._logTraceback) (reports ??= new()).Add(UnretrievedReport.For(held));
            _heldFailed.Clear();
            _heldFailedCheckAt = Math.Max(64, (reports?.Count ?? 0) * 2);
        }
        return reports;
    }

    private sealed record UnretrievedReport(WeakReference<Future> Future, string Message, Exception Exception, string Repr)
    {
        public static UnretrievedReport For(Future future) => new(
            new WeakReference<Future>(future),
            future.IsTask ? "Task exception was never retrieved" : "Future exception was never retrieved",
            (Exception)future._error!, future.ToString());
    }

    private void ReportUnretrieved(string message, Exception exception, object future) =>
        CallExceptionHandler(new Dictionary<string, object?>
        {
            ["message"] = message,
            ["exception"] = exception,
            ["future"] = future,
        });

    private void FinalSweep()
    {
        foreach (var (future, _) in _failed)
            if (future._logTraceback) ReportFinal(future);
        _failed.Clear();
        foreach (var future in _heldFailed)
            if (future._logTraceback) ReportFinal(future);
        _heldFailed.Clear();

        _freshCoroutines.Drain(0, static (_, coroutine) =>
        {
            if (coroutine._state == CoroutineState.Created && coroutine._link is null) UnawaitedCoroutine.Report(coroutine.QualName);
        });
        foreach (var weak in _unawaited)
            if (weak.TryGetTarget(out var sentinel)) sentinel.ReportNow();
        _unawaited.Clear();
    }

    private void ReportFinal(Future future)
    {
        future._logTraceback = false;
        ReportUnretrieved(future.IsTask ? "Task exception was never retrieved" : "Future exception was never retrieved",
            (Exception)future._error!, future);
    }

    // ---------------------------------------------------------------- exception handler

    /// <summary>
    /// Mirrors <c>loop.set_exception_handler(handler)</c>: <paramref name="handler"/> receives the loop
    /// and CPython's context dictionary (<c>message</c>, <c>exception</c>, <c>future</c>, <c>task</c>,
    /// <c>handle</c>, ...) for every error the loop cannot raise anywhere. Null restores the default.
    /// </summary>
    public void SetExceptionHandler(Action<EventLoop, Dictionary<string, object?>>? handler) => _exceptionHandler = handler;

    /// <summary>Mirrors <c>loop.get_exception_handler()</c>.</summary>
    public Action<EventLoop, Dictionary<string, object?>>? GetExceptionHandler() => _exceptionHandler;

    /// <summary>
    /// Mirrors <c>loop.call_exception_handler(context)</c>: passes <paramref name="context"/> to the
    /// handler, or to <see cref="DefaultExceptionHandler"/>. An exception thrown by a custom handler is
    /// reported by the default one.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public void CallExceptionHandler(Dictionary<string, object?> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_exceptionHandler is null)
        {
            try { DefaultExceptionHandler(context); }
            catch (Exception e) { Logger.Error("Exception in default exception handler", e); }
            return;
        }
        try
        {
            _exceptionHandler(this, context);
        }
        catch (Exception e)
        {
            try
            {
                DefaultExceptionHandler(new Dictionary<string, object?>
                {
                    ["message"] = "Unhandled error in exception handler",
                    ["exception"] = e,
                    ["context"] = context,
                });
            }
            catch (Exception inner)
            {
                Logger.Error("Exception in default exception handler while handling an unexpected error in custom exception handler", inner);
            }
        }
    }

    /// <summary>
    /// Mirrors <c>loop.default_exception_handler(context)</c>: writes the message, the other context
    /// entries (sorted by key, each as <c>key: repr</c>) and the exception's traceback to
    /// <see cref="Sys.Stderr"/>, as CPython's <c>asyncio</c> logger does.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public void DefaultExceptionHandler(Dictionary<string, object?> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.GetValueOrDefault("message") as string;
        if (string.IsNullOrEmpty(message)) message = "Unhandled exception in event loop";
        var lines = new List<string> { message };
        foreach (var key in context.Keys.Order(StringComparer.Ordinal))
        {
            if (key is "message" or "exception") continue;
            var value = context[key];
            lines.Add($"{key}: {(value is string s ? s : Builtins.Repr(value))}");
        }
        Logger.Error(string.Join('\n', lines), context.GetValueOrDefault("exception") as Exception);
    }

    /// <summary>The loop as CPython prints it.</summary>
    public override string ToString() =>
        $"<_UnixSelectorEventLoop running={(IsRunning() ? "True" : "False")} closed={(_closed ? "True" : "False")} debug={(_debug ? "True" : "False")}>";
}

/// <summary>What the innermost coroutine of a task step suspended on.</summary>
internal enum YieldKind : byte
{
    None,
    /// <summary>A pending <see cref="Future"/>: the task wakes when it is done.</summary>
    Future,
    /// <summary>A bare yield (<c>Sleep(0)</c>): the task steps again on the next iteration.</summary>
    Bare,
    /// <summary>A .NET awaitable: its continuation resumes the task through the loop.</summary>
    Foreign,
}
