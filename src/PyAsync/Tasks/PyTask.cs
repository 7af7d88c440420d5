using PyAsync.CompilerServices;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// What every task offers whatever its result type: <c>asyncio.Task</c>'s methods. Returned by
/// <c>CurrentTask()</c> and <c>AllTasks()</c>; every task is also a <see cref="Future"/>.
/// </summary>
public interface IPyTask
{
    /// <summary>Mirrors <c>task.get_name()</c>: <c>Task-1</c>, <c>Task-2</c>, ... unless a name was given.</summary>
    string GetName();

    /// <summary>Mirrors <c>task.set_name(value)</c>; the name is <c>str(value)</c>.</summary>
    void SetName(object? value);

    /// <summary>Mirrors <c>task.get_coro()</c>.</summary>
    Coroutine GetCoro();

    /// <summary>Mirrors <c>task.cancelling()</c>: how many cancellation requests are pending.</summary>
    int Cancelling();

    /// <summary>Mirrors <c>task.uncancel()</c>; returns the remaining count of cancellation requests.</summary>
    int Uncancel();

    /// <summary>Mirrors <c>task.cancel(msg=None)</c>.</summary>
    bool Cancel(string? msg = null);

    /// <summary>Mirrors <c>task.cancelled()</c>.</summary>
    bool Cancelled();

    /// <summary>Mirrors <c>task.done()</c>.</summary>
    bool Done();

    /// <summary>Mirrors <c>task.result()</c>, as an object.</summary>
    object? Result();

    /// <summary>Mirrors <c>task.exception()</c>.</summary>
    Exception? Exception();

    /// <summary>Mirrors <c>task.get_loop()</c>.</summary>
    EventLoop GetLoop();

    /// <summary>Mirrors <c>task.add_done_callback(fn)</c>.</summary>
    void AddDoneCallback(Action<Future> fn, ExecutionContext? context = null);

    /// <summary>Mirrors <c>task.remove_done_callback(fn)</c>.</summary>
    int RemoveDoneCallback(Action<Future> fn);

    /// <summary>
    /// A token cancelled when the task is asked to cancel, so .NET APIs awaited inside the task stop
    /// too. .NET tokens cannot be reset: it stays cancelled even if the coroutine catches the
    /// <see cref="CancelledError"/> and goes on.
    /// </summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Awaits the task; the result comes back as an object.</summary>
    CompilerServices.FutureAwaiter GetAwaiter();
}

/// <summary>What the loop and the coroutine machinery need from a task, whatever its result type.</summary>
internal interface IPyTaskInternal : IReadyCallback
{
    int PendingIndex { get; set; }

    /// <summary>Steps the task with <paramref name="error"/> thrown in at its await (see <see cref="TaskThrowIn"/>).</summary>
    void StepWith(Exception error);

    /// <summary>A .NET awaitable the task's innermost coroutine waits on has completed.</summary>
    void ResumeFromForeign(Coroutine from);

    /// <summary>
    /// The innermost coroutine of this task's running step suspended: on what, and which coroutine
    /// to resume (CPython's value yielded to <c>Task.__step</c>). Read when the step ends.
    /// </summary>
    void Yielded(YieldKind kind, Future? future, Coroutine? from);

    /// <summary>What the running step's innermost coroutine suspended on so far, if anything.</summary>
    YieldKind PendingYield { get; }

    /// <summary>
    /// Takes over a coroutine that started inline in <paramref name="current"/>'s running step and
    /// has just suspended: the suspension becomes this task's.
    /// </summary>
    void AdoptSuspended(EventLoop loop, IPyTaskInternal current);

    /// <summary>Hands over the suspension recorded in the running step (see <see cref="AdoptSuspended"/>).</summary>
    (YieldKind Kind, Future? Future, Coroutine? From) TakeYield();
}

/// <summary>
/// Mirrors <c>asyncio.Task</c>: a <see cref="Future{T}"/> that drives a <see cref="Coroutine{T}"/> on
/// the event loop, step by step, and finishes with its result.
/// </summary>
/// <remarks>
/// <para>
/// Created by <c>CreateTask</c>: the first step runs on a later loop iteration. When the coroutine
/// awaits a pending future the task waits for it; <see cref="Cancel"/> cancels that future, so the
/// <see cref="CancelledError"/> is raised at that <c>await</c> in the innermost coroutine, which may
/// catch it and go on. A task cancelled before its first step never runs its coroutine.
/// </para>
/// <para>
/// Differences from CPython: the loop keeps pending tasks alive until they finish (CPython keeps only
/// weak references, so a task nobody references can be collected mid-run); and a task waiting on a
/// .NET <see cref="Task"/> cannot be interrupted there: its <see cref="CancellationToken"/> is
/// cancelled at once, and the <see cref="CancelledError"/> is raised at the coroutine's next PyAsync
/// <c>await</c>.
/// </para>
/// </remarks>
public class PyTask<T> : Future<T>, IPyTask, IPyTaskInternal
{
    private readonly Coroutine _coro;
    private readonly int _id;
    private Future? _futWaiter;
    private Coroutine? _resumeTarget;
    // CPython's _must_cancel (a flag of the future's, see Future._waitKind).
    private bool MustCancel
    {
        get => (_flags & FutureFlags.MustCancel) != 0;
        set => _flags = value ? _flags | FutureFlags.MustCancel : _flags & ~FutureFlags.MustCancel;
    }
    private int _pendingIndex = -1;
    // The ExecutionContext the task runs in (Python's contextvars context), or, once the task needs
    // what most tasks never do (a name, cancellation requests, a token), an Extras holding it with
    // those: one field instead of two keeps every task smaller.
    private object? _contextOrExtras;

    private sealed class Extras
    {
        public ExecutionContext? Context;
        public string? Name;
        public int NumCancelsRequested;
        public CancellationTokenSource? Cancellation;
    }

    private Extras? MaybeExtras => _contextOrExtras as Extras;

    private Extras More
    {
        get
        {
            if (_contextOrExtras is Extras extras) return extras;
            extras = new Extras { Context = (ExecutionContext?)_contextOrExtras };
            _contextOrExtras = extras;
            return extras;
        }
    }

    private ExecutionContext? Context
    {
        get => _contextOrExtras is Extras extras ? extras.Context : Unsafe.As<ExecutionContext?>(_contextOrExtras);
        set
        {
            if (_contextOrExtras is Extras extras) extras.Context = value;
            else _contextOrExtras = value;
        }
    }

    private int NumCancelsRequested => MaybeExtras?.NumCancelsRequested ?? 0;

    private CancellationTokenSource? Cancellation => MaybeExtras?.Cancellation;

    internal PyTask(Coroutine coro, EventLoop loop, string? name, ExecutionContext? context, bool adopt = false)
        : base(loop, isTask: true)
    {
        _coro = coro;
        _contextOrExtras = context ?? ExecutionContext.Capture();
        if (name is null) _id = ProgramContext.NextTaskId(loop._program);
        else More.Name = name;
        _pendingIndex = loop.RegisterTask(this);
        if (adopt) return;
        coro.Consume(loop);
        // Until its first step, the coroutine's link names this task, so that code awaiting the
        // coroutine itself (plain .NET code outside any task) can find what drives it.
        if (coro._state == CoroutineState.Scheduled && coro._link is null) coro._link = this;
        loop.EnqueueReady(this, null);
    }

    int IPyTaskInternal.PendingIndex
    {
        get => _pendingIndex;
        set => _pendingIndex = value;
    }

    /// <inheritdoc/>
    public string GetName() => More.Name ??= "Task-" + _id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public void SetName(object? value) => More.Name = Builtins.Str(value);

    /// <inheritdoc/>
    public Coroutine GetCoro() => _coro;

    /// <inheritdoc/>
    public int Cancelling() => NumCancelsRequested;

    /// <summary>
    /// Mirrors <c>task.uncancel()</c> as of Python 3.13: decrements the count of cancellation requests
    /// and, when it reaches zero, also withdraws a cancellation not yet delivered.
    /// </summary>
    public int Uncancel()
    {
        if (MaybeExtras is { NumCancelsRequested: > 0 } extras)
        {
            extras.NumCancelsRequested--;
            if (extras.NumCancelsRequested == 0) MustCancel = false;
        }
        return NumCancelsRequested;
    }

    /// <inheritdoc/>
    public CancellationToken CancellationToken
    {
        get
        {
            var extras = More;
            if (extras.Cancellation is null)
            {
                extras.Cancellation = new CancellationTokenSource();
                if (extras.NumCancelsRequested > 0 || Cancelled()) extras.Cancellation.Cancel();
            }
            return extras.Cancellation.Token;
        }
    }

    /// <summary>
    /// Mirrors <c>task.cancel(msg=None)</c>: asks the task to cancel. If it waits on a future, that
    /// future is cancelled, so the coroutine gets <see cref="CancelledError"/> (with
    /// <paramref name="msg"/>) at that <c>await</c>; otherwise at its next step. Returns false if the
    /// task is already done. The task is cancelled only once its coroutine lets the error out.
    /// </summary>
    public override bool Cancel(string? msg = null)
    {
        _logTraceback = false;
        if (Done()) return false;
        More.NumCancelsRequested++;
        CancelToken();
        if (_futWaiter is not null && _futWaiter.Cancel(msg)) return true;
        MustCancel = true;
        _error = msg;
        return true;
    }

    /// <summary>Mirrors <c>task.add_done_callback(fn)</c> with a callback that takes this task's type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    public void AddDoneCallback(Action<PyTask<T>> fn, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        AddCallback(new DoneCallback<PyTask<T>>(fn, context ?? ExecutionContext.Capture()));
    }

    /// <summary>Mirrors <c>task.remove_done_callback(fn)</c>; returns how many registrations were removed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    public int RemoveDoneCallback(Action<PyTask<T>> fn) => RemoveDelegate(fn);

    // ---------------------------------------------------------------- stepping

    void IReadyCallback.Run(object? arg)
    {
        if (Done()) return;
        // The argument is null (a step) or the future the task waited on (a wake-up): errors to
        // throw in come through TaskThrowIn. CPython's __wakeup calls future.result(), so the
        // future's exception counts as retrieved.
        if (arg is not null) Unsafe.As<Future>(arg).MarkRetrieved();
        Step(null);
    }

    string IReadyCallback.Describe(object? arg) => "Task.task_wakeup()";

    void IPyTaskInternal.StepWith(Exception error)
    {
        if (!Done()) Step(error);
    }

    void IPyTaskInternal.ResumeFromForeign(Coroutine from)
    {
        if (Done() || _waitKind != YieldKind.Foreign || _resumeTarget != from) return;
        Step(null);
    }

    /// <summary>CPython's <c>Task.__step</c>: run the coroutine until it suspends or finishes.</summary>
    private void Step(Exception? exc)
    {
        var waitKind = _waitKind;
        _waitKind = YieldKind.None;
        // A coroutine resumed from a .NET await cannot have an exception thrown into it there: the
        // cancellation stays pending until its next PyAsync await.
        if (MustCancel && waitKind != YieldKind.Foreign)
        {
            if (exc is not CancelledError) exc = MakeCancelledError();
            MustCancel = false;
        }
        _futWaiter = null;
        var loop = _loop!;
        loop.EnterTask(this);
        // Between callbacks the loop's thread is in the loop's context (see EventLoop._runContext):
        // switch to the task's own only when it differs, and keep what the step changed.
        var runContext = loop._runContext;
        var context = Context;
        bool switched = context is not null && context != runContext;
        if (switched) ExecutionContext.Restore(context!);
        try
        {
            // Null until the first step; then the coroutine to resume, kept between steps (usually
            // the same one, and rewriting a reference costs a GC write barrier).
            var target = _resumeTarget;
            if (target is null)
            {
                if (exc is not null)
                {
                    _coro.CloseUnstarted();
                    FinishWithException(exc);
                    return;
                }
                _coro.StartFromTask(this, loop);
            }
            else
            {
                Suspension.SetThrowIn(loop, exc);
                target.MoveNext();
                Suspension.ClearThrowIn(loop);
            }
            if (_coro.IsCompleted) FinishFromCoroutine();
            else AfterYield(loop);
        }
        catch (Exception e)
        {
            // Only the runtime's own checks get here (a coroutine reused, a broken yield): the task fails.
            Suspension.ClearThrowIn(loop);
            ClearYield();
            if (!Done()) FinishWithException(e);
        }
        finally
        {
            var inner = ExecutionContext.Capture();
            if (inner != (switched ? context : runContext)) Context = inner;
            if (inner != runContext && runContext is not null) ExecutionContext.Restore(runContext);
            loop.LeaveTask(this);
        }
    }

    private void ClearYield()
    {
        _waitKind = YieldKind.None;
        _futWaiter = null;
        _resumeTarget = null;
    }

    void IPyTaskInternal.Yielded(YieldKind kind, Future? future, Coroutine? from)
    {
        _waitKind = kind;
        _futWaiter = future;
        if (!ReferenceEquals(_resumeTarget, from)) _resumeTarget = from;
    }

    YieldKind IPyTaskInternal.PendingYield => _waitKind;

    (YieldKind Kind, Future? Future, Coroutine? From) IPyTaskInternal.TakeYield()
    {
        var taken = (_waitKind, _futWaiter, _resumeTarget);
        ClearYield();
        return taken;
    }

    /// <summary>
    /// The end of CPython's <c>__step</c> when the coroutine yielded: wait for what it yielded
    /// (recorded by <see cref="IPyTaskInternal.Yielded"/>).
    /// </summary>
    private void AfterYield(EventLoop loop)
    {
        switch (_waitKind)
        {
            case YieldKind.Future:
                var future = _futWaiter!;
                if (future._loop is null) future._loop = loop;
                if (future._loop != loop)
                {
                    _futWaiter = null;
                    loop.EnqueueReady(new TaskThrowIn(this, new RuntimeError($"Task {this} got Future {future} attached to a different loop")), null);
                }
                else if (ReferenceEquals(future, this))
                {
                    _futWaiter = null;
                    loop.EnqueueReady(new TaskThrowIn(this, new RuntimeError($"Task cannot await on itself: {this}")), null);
                }
                else
                {
                    future.AddCallback(this);
                    if (MustCancel && future.Cancel(_error as string)) MustCancel = false;
                }
                break;
            case YieldKind.Bare:
                loop.EnqueueReady(this, null);
                break;
            case YieldKind.Foreign:
                break;
            default:
                throw new RuntimeError($"Task got bad yield: the coroutine of {this} suspended without awaiting anything");
        }
    }

    void IPyTaskInternal.AdoptSuspended(EventLoop loop, IPyTaskInternal current)
    {
        (_waitKind, _futWaiter, _resumeTarget) = current.TakeYield();
        _coro._link = this;
        AfterYield(loop);
    }

    /// <summary>The coroutine returned or raised: finish the task as CPython's <c>__step</c> does.</summary>
    private void FinishFromCoroutine()
    {
        if (_coro.Failure is { } error)
        {
            FinishWithException(error);
            return;
        }
        if (MustCancel)
        {
            // Cancelled right before the coroutine returned.
            MustCancel = false;
            Finished(cancelled: true);
            CancelCore(_error as string);
            return;
        }
        Finished(cancelled: false);
        _error = null;
        // A task with a result type runs a coroutine of that type (CreateTask<T> takes a Coroutine<T>);
        // a result-less one's result is None, as in Python.
        SetResultCore(typeof(T) == typeof(NoneType) ? (T)(object)NoneType.None : Unsafe.As<Coroutine<T>>(_coro)._result);
    }

    private void FinishWithException(Exception error)
    {
        bool tokenCancellation = error is OperationCanceledException oce && Cancellation is { } cancellation &&
                                 oce.CancellationToken == cancellation.Token;
        if (error is CancelledError || tokenCancellation)
        {
            Finished(cancelled: true);
            CancelCore(error as CancelledError);
            return;
        }
        Finished(cancelled: false);
        SetExceptionCore(error);
    }

    private void Finished(bool cancelled)
    {
        _resumeTarget = null;
        if (_pendingIndex >= 0)
        {
            _loop!.UnregisterTask(_pendingIndex);
            _pendingIndex = -1;
        }
        if (cancelled) CancelToken();
    }

    private void CancelToken()
    {
        if (Cancellation is not { IsCancellationRequested: false } cancellation) return;
        try
        {
            cancellation.Cancel();
        }
        catch (Exception e)
        {
            _loop!.CallExceptionHandler(new Dictionary<string, object?>
            {
                ["message"] = "Exception in a cancellation callback of the task's CancellationToken",
                ["exception"] = e,
                ["task"] = this,
            });
        }
    }

    // ---------------------------------------------------------------- repr

    /// <summary>CPython's <c>_task_repr_info</c>.</summary>
    private protected override List<string> ReprInfo()
    {
        var info = base.ReprInfo();
        if (NumCancelsRequested > 0 && !Done()) info[0] = "cancelling";
        info.Insert(1, $"name={Builtins.Repr(GetName())}");
        info.Insert(2, $"coro=<{_coro.QualName}(){(_coro.IsCompleted || _coro._state == CoroutineState.Closed ? " done" : "")}>");
        if (_futWaiter is not null) info.Insert(3, $"wait_for={_futWaiter}");
        return info;
    }
}

/// <summary>
/// Mirrors <c>asyncio.Task</c> for a result-less <see cref="Coroutine"/>: its result is
/// <see cref="NoneType.None"/>, so <c>Print(await task)</c> prints <c>None</c> as in Python.
/// </summary>
public sealed class PyTask : PyTask<NoneType>
{
    internal PyTask(Coroutine coro, EventLoop loop, string? name, ExecutionContext? context, bool adopt = false)
        : base(coro, loop, name, context, adopt) { }
}

/// <summary>CPython's <c>call_soon(task.__step, exc)</c>: steps a task with an exception thrown in at its await.</summary>
internal sealed class TaskThrowIn(IPyTaskInternal task, Exception error) : IReadyCallback
{
    public void Run(object? arg) => task.StepWith(error);

    public string Describe(object? arg) => "Task.task_step()";
}
