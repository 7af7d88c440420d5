using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Globalization;

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
/// wake the loop and join the ready queue in the order they were scheduled, relative to the loop's
/// own <see cref="CallSoon(Action, ExecutionContext?)"/>, as CPython's do: whatever was posted joins
/// the queue before the loop's thread queues anything else.
/// </para>
/// <para>
/// While it runs, the loop is its thread's <see cref="SynchronizationContext"/>, so a .NET
/// <see cref="Task"/> awaited inside a coroutine resumes on the loop's thread. Time comes from a
/// <see cref="TimeProvider"/>; with a <see cref="VirtualClock"/> the loop jumps to the next timer
/// instead of sleeping whenever it has nothing ready and waits on nothing outside itself. With any
/// other provider than <see cref="TimeProvider.System"/> (FakeTimeProvider, say) the loop waits for
/// its next timer on a timer of that provider (<see cref="TimeProvider.CreateTimer"/>): a test steps
/// the loop's time by hand with the provider's <c>Advance</c>, and a provider nobody advances keeps the
/// loop waiting (for its timers; outside work still wakes it).
/// </para>
/// <para>
/// This file is the scheduling of <c>base_events.py</c>. What the loop creates lives with its concept:
/// <c>CreateFuture</c> and <c>RunUntilComplete(future)</c> with futures, <c>CreateTask</c> and
/// <c>RunUntilComplete(coro)</c> with tasks, <c>RunInExecutor</c> with threads; they are called on
/// the loop all the same (<c>loop.CreateTask(Main())</c>).
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.unix_events._UnixSelectorEventLoop")]
public sealed class EventLoop : ILoopStatistics
{
    [ThreadStatic] private static EventLoop? t_running;
    [ThreadStatic] private static EventLoop? t_current;

    private const int MinScheduledTimerHandles = 100;
    private const double MinCancelledTimerHandlesFraction = 0.5;
    private static readonly TimeSpan s_virtualGrace = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _clock;
    private readonly VirtualClock? _virtualClock;
    // Any other clock than the system's and a virtual one (FakeTimeProvider, say) is waited on through
    // its own timers, so that whoever moves its time wakes the loop (see WaitOnProviderTimer).
    private readonly bool _waitsOnProviderTimers;
    private ITimer? _providerTimer;
    private readonly double _timestampFrequency;
    private readonly double _clockResolution;
    private readonly ProgramContext? _program;
    private readonly LoopSynchronizationContext _syncContext;

    private readonly ReadyQueue _ready = new();
    private readonly TimerHeap _scheduled = new();
    private int _timerCancelledCount;
    private long _timerSequence;
    private readonly ThreadsafeInbox _inbox = new();
    // The loop's epoll selector (Linux), made when a transport first waits for readiness through it (Selector).
    private EpollSelector? _selector;
    private bool _selectorTried;
    // Set by other threads right after they post to the inbox, cleared by the loop's thread before it
    // takes the posts in: the one read on the loop's hot path that keeps posts in call order (see TakeInPosts).
    private volatile bool _posted;
    private long _iterations;
    private long _slowSteps;
    private readonly OutsideWork _outsideWork;

    private volatile int _threadId;
    private bool _stopping;
    private bool _closed;
    private bool _debug;
    // The ExecutionContext the loop's thread is in between callbacks. Every callback that runs user
    // code restores it if the code changed the context, so the next one can rely on it.
    private ExecutionContext? _runContext;
    private Action<EventLoop, Dictionary<string, object?>>? _exceptionHandler;
    private bool _warnedVirtualGrace;

    private readonly StepState _step = new();
    private readonly SlotRegistry _pendingTasks = new();
    private readonly NeverAwaited _neverAwaited = new();
    // Created on the first AddSignalHandler.
    private SignalHandlers? _signalHandlers;
    private readonly UnretrievedExceptions _unretrieved;
    private readonly Action _settleUnretrieved;

    /// <summary>Mirrors <c>asyncio.new_event_loop()</c>: a loop on the default clock (see <see cref="ProgramContext"/>).</summary>
    public EventLoop() : this(null) { }

    /// <summary>Creates a loop that reads time from <paramref name="clock"/>; null means the default clock.</summary>
    public EventLoop(TimeProvider? clock)
    {
        _program = ProgramContext.Current;
        _clock = clock ?? ProgramContext.DefaultClock();
        _virtualClock = _clock as VirtualClock;
        _waitsOnProviderTimers = _virtualClock is null && _clock != TimeProvider.System;
        _timestampFrequency = _clock.TimestampFrequency;
        _clockResolution = _virtualClock is null ? ResolutionOf(_clock) : 1e-9;
        _syncContext = new LoopSynchronizationContext(this);
        _outsideWork = new OutsideWork(_inbox);
        _unretrieved = new UnretrievedExceptions(ReportUnretrieved);
        _settleUnretrieved = () => _unretrieved.Settle();
    }

    /// <summary>
    /// CPython's <c>_clock_resolution</c>: the clock's tick, or, for a clock whose timestamps are so large
    /// that a double's step at their size is coarser (FakeTimeProvider counts from the year 2000 in
    /// 100 ns ticks: 6e10 s, where a double's step is 8 microseconds), a few of those steps, so that a
    /// deadline computed in doubles is met when the clock reaches it.
    /// </summary>
    private static double ResolutionOf(TimeProvider clock)
    {
        double now = clock.GetTimestamp() / (double)clock.TimestampFrequency;
        return Math.Max(1.0 / clock.TimestampFrequency, 4 * (Math.BitIncrement(Math.Abs(now) * 2) - Math.Abs(now) * 2));
    }

    /// <summary>
    /// Mirrors <c>loop.slow_callback_duration</c>: in debug mode, a callback or task step that runs at
    /// least this many seconds is reported as <c>Executing ... took N seconds</c>. Default 0.1.
    /// </summary>
    public double SlowCallbackDuration { get; set; } = 0.1;

    /// <summary>The loop running on this thread, or null.</summary>
    internal static EventLoop? Running => t_running;

    /// <summary>The running loop, else the one set for this thread with <see cref="SetEventLoop"/>.</summary>
    internal static EventLoop? CurrentOrNull => t_running ?? t_current;

    internal bool IsLoopThread => _threadId == Environment.CurrentManagedThreadId;

    /// <summary>The managed id of the thread running the loop, or 0.</summary>
    internal int ThreadId => _threadId;

    internal TimeProvider Clock => _clock;

    /// <summary>The program the loop was created in (its task numbering and streams).</summary>
    internal ProgramContext? Program => _program;

    /// <summary>The context the loop's thread is in between callbacks (see <see cref="RestoreRunContext"/>).</summary>
    internal ExecutionContext? RunContext => _runContext;

    /// <summary>The task step running on this loop (its task, the exception it throws in).</summary>
    internal StepState Step => _step;

    /// <summary>Outside work the virtual clock waits for.</summary>
    internal OutsideWork OutsideWork => _outsideWork;

    private static readonly AsyncLocal<bool> s_dotnetReadiness = new();

    /// <summary>
    /// Loops created from here on (in this async flow) take readiness from .NET's asynchronous socket operations, as
    /// on platforms without epoll, instead of the selector: so that tests run that path on Linux too.
    /// </summary>
    internal static bool UseDotnetReadiness
    {
        get => s_dotnetReadiness.Value;
        set => s_dotnetReadiness.Value = value;
    }

    /// <summary>
    /// The loop's selector, CPython's <c>self._selector</c>: transports register their sockets for reading and writing
    /// with it, and the loop waits in it and takes in what is ready at the start of each iteration. Null where epoll is
    /// not available (not Linux) or <c>PYASYNC_SELECTOR=dotnet</c> is set: then readiness comes from .NET's own
    /// asynchronous socket operations, posted to the loop. Loop thread.
    /// </summary>
    internal EpollSelector? Selector
    {
        get
        {
            if (_selectorTried || _closed) return _selector;
            _selectorTried = true;
            if (s_dotnetReadiness.Value || Environment.GetEnvironmentVariable("PYASYNC_SELECTOR") == "dotnet") return null;
            _selector = EpollSelector.TryCreate();
            if (_selector is not null) _inbox.UseSelector(_selector);
            return _selector;
        }
    }

    /// <summary>The loop's pending tasks (CPython's <c>all_tasks(loop)</c>), kept by the tasks themselves.</summary>
    internal SlotRegistry PendingTasks => _pendingTasks;

    /// <summary>How many collections the loop forced to decide whether failures could still be retrieved.</summary>
    internal int UnretrievedCollections => _unretrieved.Collections;

    /// <summary>How many iterations (CPython's <c>_run_once</c>) the loop has turned, for tests.</summary>
    internal long Iterations => _iterations;

    long ILoopStatistics.TasksCreated => _pendingTasks.Added;

    long ILoopStatistics.TasksFinished => _pendingTasks.Removed;

    int ILoopStatistics.ReadyLength => _ready.Count;

    long ILoopStatistics.Iterations => _iterations;

    long ILoopStatistics.SlowSteps => _slowSteps;

    /// <summary>The slots the loop's buffers hold now (ready queue, timer heap, pending tasks, thread-safe inbox), for tests of their trimming.</summary>
    internal (int Ready, int Timers, int Tasks, int Inbox) BufferSlots => (_ready.Length, _scheduled.Length, _pendingTasks.Length, _inbox.Length);

    /// <summary>Coroutines created on this loop that may never be awaited.</summary>
    internal NeverAwaited NeverAwaited => _neverAwaited;

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

    // ---------------------------------------------------------------- time

    /// <summary>
    /// Mirrors <c>loop.time()</c>: seconds on the loop's monotonic clock, the scale of
    /// <see cref="CallAt(double, Action, ExecutionContext?)"/>. On a <see cref="VirtualClock"/>, virtual seconds from 0.
    /// </summary>
    public double Time() => _virtualClock is { } v ? v.Seconds : _clock.GetTimestamp() / _timestampFrequency;

    // ---------------------------------------------------------------- scheduling callbacks

    /// <summary>
    /// Mirrors <c>loop.call_soon(callback)</c>: runs <paramref name="callback"/> on a later iteration,
    /// after the callbacks already scheduled, in <paramref name="context"/> (default: the current one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    [MethodImpl(HotPath.Options)]
    public Handle CallSoon(Action callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Enqueue(Handle.For(callback, context));
    }

    /// <summary>Mirrors <c>loop.call_soon(callback, arg)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    [MethodImpl(HotPath.Options)]
    public Handle CallSoon<T>(Action<T> callback, T arg, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Enqueue(Handle.For(callback, arg, context));
    }

    [MethodImpl(HotPath.Options)]
    private Handle Enqueue(Handle handle)
    {
        ThrowIfClosed();
        if (_debug) CheckThread();
        TakeInPosts();
        // A handle is queued with its loop as argument: it needs the loop to run, and this saves it a field.
        _ready.Enqueue(handle, this);
        return handle;
    }

    /// <summary>
    /// Before the loop's thread queues anything: what other threads posted since joins the ready queue
    /// first, so that callbacks run in the order they were scheduled, from whatever thread (CPython's
    /// <c>call_soon_threadsafe</c> appends to <c>_ready</c> at once, under the GIL). One volatile read
    /// of a field of the loop when nothing was posted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void TakeInPosts()
    {
        if (_posted) TakeInPostsNow();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TakeInPostsNow()
    {
        // Cleared before draining: a post that lands after the drain sets it again.
        _posted = false;
        _inbox.DrainInto(_ready);
    }

    /// <summary>
    /// Mirrors <c>loop.call_soon_threadsafe(callback)</c>: like <see cref="CallSoon(Action, ExecutionContext?)"/>
    /// but callable from any thread; it wakes the loop if it is waiting. The callback runs after the
    /// callbacks scheduled before the call, from any thread, and before those scheduled after it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public Handle CallSoonThreadsafe(Action callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Post(Handle.For(callback, context));
    }

    /// <summary>Mirrors <c>loop.call_soon_threadsafe(callback, arg)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public Handle CallSoonThreadsafe<T>(Action<T> callback, T arg, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Post(Handle.For(callback, arg, context));
    }

    private Handle Post(Handle handle)
    {
        ThrowIfClosed();
        _inbox.Post(handle, this);
        _posted = true;
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
    /// <exception cref="ValueError"><paramref name="when"/> is not a number.</exception>
    public TimerHandle CallAt(double when, Action callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        CheckTimer(when);
        return Schedule(TimerHandle.For(this, when, callback, context), when);
    }

    /// <summary>Mirrors <c>loop.call_at(when, callback, arg)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    /// <exception cref="ValueError"><paramref name="when"/> is not a number.</exception>
    public TimerHandle CallAt<T>(double when, Action<T> callback, T arg, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        CheckTimer(when);
        return Schedule(TimerHandle.For(this, when, callback, arg, context), when);
    }

    private void CheckTimer(double when)
    {
        ThrowIfClosed();
        if (_debug) CheckThread();
        if (double.IsNaN(when)) throw new ValueError("when cannot be NaN");
    }

    private TimerHandle Schedule(TimerHandle timer, double when)
    {
        ScheduleTimer(timer, when);
        return timer;
    }

    /// <summary>Puts <paramref name="timer"/> in the heap, due at <paramref name="when"/> (after the timers already due then).</summary>
    internal void ScheduleTimer(IScheduledTimer timer, double when)
    {
        timer.IsScheduled = true;
        _scheduled.Push(timer, when, _timerSequence++);
    }

    /// <summary>A timer in the heap was cancelled: it counts toward the clean-up of cancelled timers.</summary>
    internal void TimerCancelled() => _timerCancelledCount++;

    /// <summary>
    /// Adds a callback to the ready queue from the loop's own thread (no handle, no allocation). As in
    /// CPython, only debug mode checks the thread: completing a future from another thread without
    /// <c>CallSoonThreadsafe</c> is a bug that debug mode reports.
    /// </summary>
    [MethodImpl(HotPath.Options)]
    internal void EnqueueReady(IReadyCallback callback, object? arg)
    {
        if (_debug) CheckThread();
        TakeInPosts();
        _ready.Enqueue(callback, arg);
    }

    /// <summary>
    /// Adds an I/O event from any thread (a socket became readable, an operation completed) and wakes the
    /// loop: it joins the ready queue at the start of the next iteration, as CPython's selector reports
    /// events, after the callbacks ready then (see <see cref="ThreadsafeInbox.PostEvent"/>).
    /// </summary>
    internal void PostEvent(IReadyCallback callback, object? arg) => _inbox.PostEvent(callback, arg);

    /// <summary>Adds a callback from any thread and wakes the loop.</summary>
    internal void PostThreadsafe(IReadyCallback callback, object? arg)
    {
        _inbox.Post(callback, arg);
        _posted = true;
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

    /// <summary>A future of this loop failed with an exception nobody retrieved yet.</summary>
    internal void NoteFailed(IFailedFuture future) => _unretrieved.Failed(future);

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
        ThrowIfCannotRun();
        var previousContext = SynchronizationContext.Current;
        _threadId = Environment.CurrentManagedThreadId;
        t_running = this;
        _runContext = ExecutionContext.Capture();
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        var previousClock = PyAsync.Time.UseClock(_clock);
        var previousBeforeOutput = Sys.SetBeforeOutput(_settleUnretrieved);
        var previousStep = StepState.UseOnThisThread(_step);
        LoopMetrics.Started(this);
        try
        {
            while (true)
            {
                RunOnce();
                AfterIteration();
                if (_stopping) break;
            }
            _unretrieved.Settle();
        }
        finally
        {
            LoopMetrics.Stopped(this);
            _stopping = false;
            _threadId = 0;
            t_running = null;
            SynchronizationContext.SetSynchronizationContext(previousContext);
            PyAsync.Time.UseClock(previousClock);
            Sys.SetBeforeOutput(previousBeforeOutput);
            StepState.UseOnThisThread(previousStep);
        }
    }

    /// <summary>
    /// Mirrors <c>loop.close()</c>: drops what is still scheduled and reports, in a final sweep, the
    /// exceptions no one retrieved and the coroutines no one awaited. Closing twice does nothing.
    /// </summary>
    /// <exception cref="RuntimeError">The loop is running.</exception>
    public void Close() => CloseWith(deferFinalSweep: null);

    /// <summary>
    /// <see cref="Close"/>, with the final sweep's reports handed to <paramref name="deferFinalSweep"/>
    /// to make later (after the traceback of the exception that ends the program: see
    /// <see cref="UncaughtException"/>) when it is not null.
    /// </summary>
    internal void CloseWith(Action<Action>? deferFinalSweep)
    {
        if (IsRunning()) throw new RuntimeError("Cannot close a running event loop");
        if (_closed) return;
        _closed = true;
        _signalHandlers?.RemoveAll();
        _outsideWork.CloseIoSources();
        _ready.Release();
        _pendingTasks.Release();
        _scheduled.Clear();
        _inbox.Clear();
        _providerTimer?.Dispose();
        _providerTimer = null;
        _selector?.Dispose();
        if (deferFinalSweep is null) FinalSweep();
        else deferFinalSweep(FinalSweep);
        if (t_current == this) t_current = null;
    }

    // ---------------------------------------------------------------- signals

    /// <summary>
    /// Mirrors <c>loop.add_signal_handler(sig, callback)</c>: <paramref name="callback"/> runs on the loop
    /// each time the process receives <paramref name="sig"/>, instead of the signal's default action.
    /// Registering again for the same signal replaces the handler.
    /// </summary>
    /// <remarks>
    /// As in CPython, the handler runs two loop iterations after the signal arrives (the loop notices it at
    /// the start of an iteration and queues the callback), and a signal sent with <see cref="Os.Kill"/> to the
    /// process itself has arrived when <c>Kill</c> returns. Differs from CPython: it works on a loop of any
    /// thread (CPython's needs the main thread, for <c>signal.set_wakeup_fd</c>), and handlers of several loops
    /// for one signal all run (CPython keeps one wakeup fd per process). A handler for <c>SIGINT</c> takes
    /// Ctrl+C from <c>Run</c>, whose main task then is not cancelled, as in CPython. Linux and macOS only.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="TypeError"><paramref name="callback"/> is an <c>async</c> lambda or method ("coroutines cannot be used with add_signal_handler()").</exception>
    /// <exception cref="ValueError"><paramref name="sig"/> is not a valid signal number ("invalid signal number 65").</exception>
    /// <exception cref="RuntimeError">The loop is closed, or the signal cannot be caught (SIGKILL, SIGSTOP: "sig 9 cannot be caught").</exception>
    /// <exception cref="NotImplementedException">On Windows, as CPython's proactor loop.</exception>
    public void AddSignalHandler(Signal sig, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfClosed();
        (_signalHandlers ??= new SignalHandlers(this, _inbox)).Add((int)sig, callback, callback);
    }

    /// <summary>Mirrors <c>loop.add_signal_handler(sig, callback, arg)</c>; see <see cref="AddSignalHandler(Signal, Action)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="TypeError"><paramref name="callback"/> is an <c>async</c> lambda or method.</exception>
    /// <exception cref="ValueError"><paramref name="sig"/> is not a valid signal number.</exception>
    /// <exception cref="RuntimeError">The loop is closed, or the signal cannot be caught.</exception>
    /// <exception cref="NotImplementedException">On Windows.</exception>
    public void AddSignalHandler<T>(Signal sig, Action<T> callback, T arg)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfClosed();
        (_signalHandlers ??= new SignalHandlers(this, _inbox)).Add((int)sig, () => callback(arg), callback);
    }

    /// <summary>Mirrors <c>loop.add_signal_handler(sig, callback, arg1, arg2)</c>; see <see cref="AddSignalHandler(Signal, Action)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="TypeError"><paramref name="callback"/> is an <c>async</c> lambda or method.</exception>
    /// <exception cref="ValueError"><paramref name="sig"/> is not a valid signal number.</exception>
    /// <exception cref="RuntimeError">The loop is closed, or the signal cannot be caught.</exception>
    /// <exception cref="NotImplementedException">On Windows.</exception>
    public void AddSignalHandler<T1, T2>(Signal sig, Action<T1, T2> callback, T1 arg1, T2 arg2)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfClosed();
        (_signalHandlers ??= new SignalHandlers(this, _inbox)).Add((int)sig, () => callback(arg1, arg2), callback);
    }

    /// <summary>Mirrors <c>loop.add_signal_handler(sig, callback, arg1, arg2, arg3)</c>; see <see cref="AddSignalHandler(Signal, Action)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="TypeError"><paramref name="callback"/> is an <c>async</c> lambda or method.</exception>
    /// <exception cref="ValueError"><paramref name="sig"/> is not a valid signal number.</exception>
    /// <exception cref="RuntimeError">The loop is closed, or the signal cannot be caught.</exception>
    /// <exception cref="NotImplementedException">On Windows.</exception>
    public void AddSignalHandler<T1, T2, T3>(Signal sig, Action<T1, T2, T3> callback, T1 arg1, T2 arg2, T3 arg3)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfClosed();
        (_signalHandlers ??= new SignalHandlers(this, _inbox)).Add((int)sig, () => callback(arg1, arg2, arg3), callback);
    }

    /// <summary>Mirrors <c>loop.remove_signal_handler(sig)</c>: removes the handler and gives the signal its default action back; whether there was one.</summary>
    /// <exception cref="ValueError"><paramref name="sig"/> is not a valid signal number.</exception>
    public bool RemoveSignalHandler(Signal sig)
    {
        if (_signalHandlers is { } handlers) return handlers.Remove((int)sig);
        if (!SignalDelivery.IsValid((int)sig) || (int)sig is 32 or 33) throw new ValueError($"invalid signal number {(int)sig}");
        return false;
    }

    /// <summary>Whether this loop has a handler for <paramref name="sig"/> (any thread).</summary>
    internal bool HasSignalHandler(Signal sig) => _signalHandlers?.Has((int)sig) == true;

    // The reports of what nobody retrieved or awaited, made once the loop is closed.
    private void FinalSweep()
    {
        _unretrieved.FinalSweep();
        _neverAwaited.FinalSweep();
    }

    /// <exception cref="RuntimeError">The loop is closed.</exception>
    internal void ThrowIfClosed()
    {
        if (_closed) throw new RuntimeError("Event loop is closed");
    }

    /// <summary>CPython's <c>_check_closed</c> and <c>_check_running</c>: the loop may start running on this thread.</summary>
    /// <exception cref="RuntimeError">The loop is closed, already running, or another loop runs on this thread.</exception>
    internal void ThrowIfCannotRun()
    {
        ThrowIfClosed();
        if (IsRunning()) throw new RuntimeError("This event loop is already running");
        if (t_running is not null) throw new RuntimeError("Cannot run the event loop while another loop is running");
    }

    private void CheckThread()
    {
        if (_threadId != 0 && _threadId != Environment.CurrentManagedThreadId)
            throw new RuntimeError("Non-thread-safe operation invoked on an event loop other than the current one");
    }

    // ---------------------------------------------------------------- one iteration

    [MethodImpl(HotPath.Options)]
    private void RunOnce()
    {
        // What the last iteration scheduled is all here now: the buffers' peaks (see Capacity).
        _scheduled.NotePeak();
        _pendingTasks.NotePeak();
        if ((++_iterations & (Capacity.TrimInterval - 1)) == 0) PeriodicTrimPoint();
        if (_scheduled.Count > 0) DropCancelledTimers();
        if (_ready.Count == 0 && !_stopping) WaitForEvents();
        if (_inbox.HasIncoming) TakeInPostsNow();
        if (_inbox.HasEvents) _inbox.DrainEventsInto(_ready);
        // CPython's select(timeout) and _process_events: what the selector finds ready (the wait, if any, was above).
        if (_selector is { HasRegistrations: true } selector) selector.Poll(0, _ready);
        if (_scheduled.Count > 0) MoveDueTimers();

        int ntodo = _ready.Count;
        for (int i = 0; i < ntodo; i++)
        {
            var item = _ready.Dequeue();
            if (_debug) RunDebug(item);
            else RunItem(item);
        }
    }

    /// <summary>CPython's clean-up of cancelled timers: all of them when they are many, else those on top of the heap.</summary>
    private void DropCancelledTimers()
    {
        int scheduledCount = _scheduled.Count;
        if (scheduledCount > MinScheduledTimerHandles &&
            _timerCancelledCount > scheduledCount * MinCancelledTimerHandlesFraction)
        {
            _scheduled.RemoveCancelled();
            _timerCancelledCount = 0;
            return;
        }
        while (_scheduled.Count > 0 && _scheduled.Peek().IsCancelled)
        {
            _timerCancelledCount--;
            _scheduled.Pop().IsScheduled = false;
        }
    }

    /// <summary>Timers due now join the ready queue, in deadline order, ties in the order they were scheduled.</summary>
    private void MoveDueTimers()
    {
        // CPython's `when < time() + clock_resolution`; a timer due exactly now is due too, as the
        // resolution vanishes at large times (at 3e7 s, 1e-9 is below a double's step).
        double now = Time();
        double endTime = now + _clockResolution;
        while (_scheduled.Count > 0)
        {
            double when = _scheduled.PeekWhen();
            if (when >= endTime && when > now) break;
            var timer = _scheduled.Pop();
            timer.IsScheduled = false;
            _ready.Enqueue(timer, null);
        }
    }

    [MethodImpl(HotPath.Options)]
    private void RunItem(ReadyItem item)
    {
        try
        {
            item.Callback.Run(item.Arg);
        }
        catch (Exception e)
        {
            ReportCallbackError(item, e);
        }
    }

    /// <summary>Handles and tasks report their own exceptions; this keeps the loop alive if anything else throws.</summary>
    private void ReportCallbackError(ReadyItem item, Exception e) =>
        CallExceptionHandler(new Dictionary<string, object?>
        {
            ["message"] = $"Exception in callback {DescribeSafely(item)}",
            ["exception"] = e,
        });

    // A description names user objects (a callback's arguments), whose reprs may throw: a report must not.
    private static string DescribeSafely(ReadyItem item)
    {
        try
        {
            return item.Callback.Describe(item.Arg);
        }
        catch (Exception e)
        {
            Logger.Unraisable($"the description of a callback ({item.Callback.GetType().Name})", e);
            return "<callback (repr() failed)>";
        }
    }

    /// <summary>Debug mode: each callback is timed, and reported as CPython's <c>_run_once</c> does when slow.</summary>
    private void RunDebug(ReadyItem item)
    {
        double start = Time();
        RunItem(item);
        double elapsed = Time() - start;
        if (elapsed < SlowCallbackDuration) return;
        _slowSteps++;
        string handle;
        try
        {
            handle = item.Callback.ReprAsHandle(item.Arg);
        }
        catch (Exception e)
        {
            // The repr of a user object threw: the report is lost, not the loop.
            Logger.Unraisable("the debug-mode report of a slow callback", e);
            return;
        }
        Logger.SlowCallback(handle, elapsed);
    }

    /// <summary>Every <see cref="Capacity.TrimInterval"/> iterations: a trim point, and a moment to publish the metrics (<see cref="LoopMetrics.Publish"/>).</summary>
    private void PeriodicTrimPoint()
    {
        TrimBuffers();
        LoopMetrics.Publish();
    }

    /// <summary>A trim point: buffers a burst grew give their memory back once it is over (see <see cref="Capacity"/>).</summary>
    private void TrimBuffers()
    {
        // Most trim points find every buffer at its keep size: then they cost a compare each.
        if (_scheduled.AboveKeepSize) _scheduled.Trim();
        if (_pendingTasks.AboveKeepSize) _pendingTasks.Trim();
        if (_inbox.AboveKeepSize) _inbox.Trim();
    }

    /// <summary>
    /// Whether a buffer holds far more than it needs now, so a long real wait should come back to trim
    /// it (a heap big because many timers are pending is not: the loop does not wake for it).
    /// </summary>
    private bool TrimPending =>
        _scheduled.Shrinkable || _pendingTasks.Shrinkable || _inbox.AboveKeepSize;

    /// <summary>Waits on the inbox for real time; while a trim is pending, for at most <see cref="Capacity.PendingTrimWait"/>.</summary>
    private void WaitOnInbox(double seconds)
    {
        LoopMetrics.Publish();
        if (TrimPending && (seconds < 0 || seconds > Capacity.PendingTrimWait)) seconds = Capacity.PendingTrimWait;
        _inbox.Wait(seconds);
    }

    /// <summary>
    /// Waits for the next timer on the clock's own timer (<see cref="TimeProvider.CreateTimer"/>), so a
    /// clock whose time is moved by hand (FakeTimeProvider's <c>Advance</c>) wakes the loop when it
    /// reaches the deadline, and never sooner; with no timer, waits for outside work only.
    /// </summary>
    private void WaitOnProviderTimer(bool hasTimer)
    {
        if (hasTimer)
        {
            // A timer is due within the clock's resolution of its deadline (MoveDueTimers): aim at half of it.
            double due = _scheduled.PeekWhen() - Time() - _clockResolution / 2;
            if (due <= 0) return;
            var dueTime = TimeSpan.FromTicks((long)Math.Min(TimeSpan.MaxValue.Ticks / 2, Math.Ceiling(due * TimeSpan.TicksPerSecond)));
            _providerTimer ??= _clock.CreateTimer(static inbox => ((ThreadsafeInbox)inbox!).Signal(), _inbox, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _providerTimer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        WaitOnInbox(-1);
    }

    private void WaitForEvents()
    {
        // A timer at infinity never comes: wait as if there were none (a virtual clock must not jump there).
        bool hasTimer = _scheduled.Count > 0 && !double.IsPositiveInfinity(_scheduled.PeekWhen());
        double timeout = hasTimer ? Math.Max(0, _scheduled.PeekWhen() - Time()) : -1;
        if (timeout == 0) return;
        // The loop is idle (about to jump the clock or wait): a trim point.
        TrimBuffers();
        bool jump = _virtualClock is not null && hasTimer && !_outsideWork.WaitsOnExecutor && !_outsideWork.WaitsOnForeignAwaits
            && !_outsideWork.WaitsOnIo;
        if (!jump)
        {
            // About to wait for real time: a failure nobody can retrieve is reported now, not later.
            _unretrieved.Settle(force: true);
            if (_ready.Count > 0 || _stopping) return;
        }
        if (_virtualClock is null)
        {
            if (_waitsOnProviderTimers) WaitOnProviderTimer(hasTimer);
            else WaitOnInbox(timeout);
            return;
        }
        if (jump)
        {
            if (!_inbox.HasIncoming && !_inbox.HasEvents) _virtualClock.AdvanceTo(_scheduled.PeekWhen());
            return;
        }
        if (_outsideWork.WaitsOnExecutor || !hasTimer)
        {
            WaitOnInbox(-1);
            return;
        }
        // Only .NET awaits or I/O in flight are pending. The awaits may be waiting on this very loop in ways
        // it cannot see (a TaskCompletionSource that a coroutine completes later); I/O already at a socket is
        // taken in at once (the event posted by TakeInReady), and a connect ends by itself. Either way, after
        // a grace period of real time with nothing arriving, jump.
        bool io = _outsideWork.WaitsOnIo;
        long started = Stopwatch.GetTimestamp();
        if (_inbox.Wait(s_virtualGrace.TotalSeconds) || _inbox.HasIncoming || _inbox.HasEvents) return;
        // Woken before the grace period ended while I/O was in flight (a connect ended): look again rather than
        // jump. (A .NET await that ended still lets the clock jump at once, as before.)
        if (io && Stopwatch.GetElapsedTime(started) < s_virtualGrace * 0.95) return;
        {
            if (!_warnedVirtualGrace)
            {
                _warnedVirtualGrace = true;
                Logger.VirtualClockAdvanced(_outsideWork.WaitsOnIo ? _outsideWork.DescribeIo() : null);
            }
            _virtualClock.AdvanceTo(_scheduled.PeekWhen());
        }
    }

    [MethodImpl(HotPath.Options)]
    private void AfterIteration()
    {
        _neverAwaited.AfterIteration(_runContext);
        _unretrieved.AfterIteration();
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
        // Reports come in the order CPython makes them: a failure nobody can retrieve goes first.
        _unretrieved.Settle();
        ExceptionHandler.Call(this, _exceptionHandler, context);
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
        ExceptionHandler.Default(context);
    }

    /// <summary>CPython's <c>Future.__del__</c> report, through the exception handler.</summary>
    private void ReportUnretrieved(string message, Exception exception, object future) =>
        ExceptionHandler.Call(this, _exceptionHandler, new Dictionary<string, object?>
        {
            ["message"] = message,
            ["exception"] = exception,
            ["future"] = future,
        });

    /// <summary>The loop as CPython prints it.</summary>
    public override string ToString() =>
        $"<_UnixSelectorEventLoop running={(IsRunning() ? "True" : "False")} closed={(_closed ? "True" : "False")} debug={(_debug ? "True" : "False")}>";
}
