using System.Runtime.CompilerServices;
using System.Globalization;
using PyAsync.CompilerServices;

namespace PyAsync;

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
/// A task waiting on a .NET <see cref="Task"/> is interrupted through its <see cref="CancellationToken"/>,
/// which <see cref="Cancel"/> cancels at once: if the .NET task ends cancelled by that token
/// (<c>await Task.Delay(d, CurrentTask()!.CancellationToken)</c>), its <c>await</c> raises the task's
/// <see cref="CancelledError"/>, with the message, as CPython raises it at the awaited future.
/// </para>
/// <para>
/// Differences from CPython: the loop keeps pending tasks alive until they finish (CPython keeps only
/// weak references, so a task nobody references can be collected mid-run). A .NET await that does not
/// observe the token, or finishes anyway, cannot be interrupted: it runs to its end, and the
/// <see cref="CancelledError"/> is raised at the coroutine's next PyAsync <c>await</c>; so is it after a
/// <see cref="ValueTask"/> or a custom awaitable, whose own exception the coroutine sees at that await.
/// </para>
/// </remarks>
[PyTypeName("_asyncio.Task")]
public class PyTask<T> : Future<T>, IPyTask, IReadyCallback, ICoroutineDriver, IRegistered
{
    private readonly Coroutine _coro;
    private readonly int _number;
    // CPython's _fut_waiter: the future the coroutine waits on in this step.
    private Future? _futWaiter;
    // The coroutine to resume at the next step: null until the first step, then usually the same
    // one from step to step (so it is kept rather than rewritten, which would cost a GC write barrier).
    private Coroutine? _resumeTarget;
    private int _registrySlot = -1;
    // The context the task runs in (Python's contextvars context): an ExecutionContext snapshot of its
    // own (the usual case), or a Context object it runs in (CreateTask(context: ctx), GetContext());
    // or, once the task needs what most tasks never do (a name, cancellation requests, a token), an
    // Extras holding it with those: one field instead of two keeps every task smaller.
    private object? _contextOrExtras;

    private sealed class Extras
    {
        // An ExecutionContext or a Context, as _contextOrExtras.
        public object? Context { get; set; }

        public string? Name { get; set; }

        public int NumCancelsRequested { get; set; }

        public CancellationTokenSource? Cancellation { get; set; }

        // CPython's _cancel_message while the task is pending (PendingCancelMessage).
        public string? CancelMessage { get; set; }
    }

    // context: a Context to run in, an ExecutionContext snapshot to start from, or null (a snapshot of the current context).
    [MethodImpl(HotPath.Options)]
    internal PyTask(Coroutine coro, EventLoop loop, string? name, object? context, bool adopt = false)
        : base(loop, isTask: true)
    {
        _coro = coro;
        _contextOrExtras = context ?? ExecutionContext.Capture();
        if (name is null) _number = ProgramContext.NextTaskNumber(loop.Program);
        else More.Name = name;
        _registrySlot = loop.PendingTasks.Register(this);
        if (adopt) return;
        coro.ScheduledBy(this);
        loop.EnqueueReady(this, null);
    }

    // ---------------------------------------------------------------- asyncio.Task's methods

    /// <inheritdoc/>
    public string GetName() => More.Name ??= "Task-" + _number.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public void SetName(object? value) => More.Name = Builtins.Str(value);

    /// <inheritdoc/>
    public Coroutine GetCoro() => _coro;

    /// <inheritdoc/>
    public int Cancelling() => NumCancelsRequested;

    /// <summary>
    /// Mirrors <c>task.get_context()</c> (3.12): the <see cref="PyAsync.Context"/> the task runs in: the one
    /// given to <c>CreateTask(context:)</c>, else the copy of its creator's context the task made.
    /// What the task changes later is visible through it, and what <c>ctx.Run(...)</c> changes there is
    /// seen by the task's next step.
    /// </summary>
    public Context GetContext()
    {
        var current = ContextObject;
        if (current is Context context) return context;
        // The task ran in a snapshot of its own until now: from here on it runs in a Context object.
        context = Context.FromExecutionContext(Unchecked.As<ExecutionContext?>(current)); // not a Context: a snapshot or null
        if (_contextOrExtras is Extras extras) extras.Context = context;
        else _contextOrExtras = context;
        return context;
    }

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

    internal override CancellationToken TokenForAsTask => CancellationToken;

    /// <summary>The values of the task's context now (what its last step left).</summary>
    internal ExecutionContext? ContextSnapshot => ContextObject is Context context ? context.ToExecutionContext() : Unchecked.As<ExecutionContext?>(ContextObject); // else a snapshot or null

    // A token made in a step belongs to the Context the task runs in, or to the task's own copy.
    internal override object? ContextOwner => ContextObject as Context ?? (object)this;

    /// <summary>
    /// Mirrors <c>task.cancel(msg=None)</c>: asks the task to cancel. If it waits on a future, that
    /// future is cancelled, so the coroutine gets <see cref="CancelledError"/> (with
    /// <paramref name="msg"/>) at that <c>await</c>; otherwise at its next step. Returns false if the
    /// task is already done. The task is cancelled only once its coroutine lets the error out.
    /// </summary>
    public override bool Cancel(string? msg = null)
    {
        MarkRetrieved();
        if (Done()) return false;
        More.NumCancelsRequested++;
        CancelToken();
        if (_futWaiter is not null && _futWaiter.Cancel(msg)) return true;
        MustCancel = true;
        SetPendingCancelMessage(msg);
        return true;
    }

    /// <summary>Mirrors <c>task.add_done_callback(fn)</c> with a callback that takes this task's type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    public void AddDoneCallback(Action<PyTask<T>> fn, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        AddCallback(new DoneCallback<PyTask<T>>(fn, this, context));
    }

    /// <summary>Mirrors <c>task.remove_done_callback(fn)</c>; returns how many registrations were removed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    public int RemoveDoneCallback(Action<PyTask<T>> fn) => RemoveDelegate(fn);

    // ---------------------------------------------------------------- stepping

    [MethodImpl(HotPath.Options)]
    void IReadyCallback.Run(object? arg)
    {
        if (Done()) return;
        // The argument is null (a step) or the future the task waited on (a wake-up): errors to
        // throw in come through TaskThrowIn. CPython's __wakeup calls future.result(), so the
        // future's exception counts as retrieved.
        if (arg is not null) Unchecked.As<Future>(arg).MarkRetrieved(); // only futures wake tasks
        Step(null);
    }

    string IReadyCallback.Describe(object? arg) => "Task.task_wakeup()";

    string IReadyCallback.ReprAsHandle(object? arg) => ToString();

    /// <summary>CPython's <c>call_soon(task.__step, exc)</c>: a step with <paramref name="error"/> thrown in at the await.</summary>
    private void StepWith(Exception error)
    {
        if (!Done()) Step(error);
    }

    void ICoroutineDriver.ResumeFromForeign(Coroutine from, Type awaiterType)
    {
        if (Done() || WaitKind != YieldKind.Foreign || _resumeTarget != from) return;
        // Cancelled while it waited, and the .NET await ended cancelled by this task's token: the
        // CancelledError is raised at that await, as at a future the task waited on.
        if (MustCancel && Cancellation is { IsCancellationRequested: true } cancellation &&
            from.TryThrowAtForeignAwait(awaiterType, cancellation.Token, MakeCancelledError))
        {
            MustCancel = false;
        }
        Step(null);
    }

    /// <summary>CPython's <c>Task.__step</c>: run the coroutine until it suspends or finishes.</summary>
    [MethodImpl(HotPath.Options)]
    private void Step(Exception? exc)
    {
        var waitKind = WaitKind;
        WaitKind = YieldKind.None;
        // A coroutine resumed from a .NET await cannot have an exception thrown into it there: the
        // cancellation stays pending until its next PyAsync await.
        if (MustCancel && waitKind != YieldKind.Foreign)
        {
            if (exc is not CancelledError) exc = MakeCancelledError();
            MustCancel = false;
        }
        _futWaiter = null;
        var loop = GetLoop();
        // Between callbacks the loop's thread is in the loop's context (see EventLoop.RunContext):
        // switch to the task's own only when it differs, and keep what the step changed.
        var runContext = loop.RunContext;
        var contextObject = ContextObject;
        ExecutionContext? context;
        Context? entered = null;
        if (contextObject is ExecutionContext snapshot) context = snapshot;
        else if (contextObject is null) context = null;
        else
        {
            // CreateTask(context: ctx): the step runs in ctx itself (CPython's ctx.run(task.__step)).
            entered = Unchecked.As<Context>(contextObject); // neither a snapshot nor null: a Context
            context = entered.EnterFromTask(loop.ThreadId);
        }
        var step = loop.Step;
        step.Enter(this);
        bool switched = context is not null && context != runContext;
        if (switched) ExecutionContext.Restore(context!);
        try
        {
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
                step.SetThrowIn(exc);
                target.MoveNext();
                step.ClearThrowIn();
            }
            if (_coro.IsCompleted) FinishFromCoroutine();
            else AfterYield(loop);
        }
        catch (Exception e)
        {
            // Only the runtime's own checks get here (a coroutine reused, a broken yield): the task fails.
            step.ClearThrowIn();
            ClearYield();
            if (!Done()) FinishWithException(e);
        }
        finally
        {
            var inner = ExecutionContext.Capture();
            if (entered is not null)
            {
                entered.ExitFromTask(inner ?? context!);
            }
            else if (inner != (switched ? context : runContext) && inner is not null)
            {
                SetSnapshot(inner);
            }
            if (inner != runContext && runContext is not null) ExecutionContext.Restore(runContext);
            step.Leave(this);
        }
    }

    /// <summary>What the coroutine suspended on in the running step (kept in a byte of the future's that would be padding).</summary>
    private YieldKind WaitKind
    {
        get => (YieldKind)TaskByte;
        set => TaskByte = (byte)value;
    }

    private void ClearYield()
    {
        WaitKind = YieldKind.None;
        _futWaiter = null;
        _resumeTarget = null;
    }

    [MethodImpl(HotPath.Options)]
    void ICoroutineDriver.Yielded(YieldKind kind, Future? future, Coroutine? from)
    {
        WaitKind = kind;
        _futWaiter = future;
        if (!ReferenceEquals(_resumeTarget, from)) _resumeTarget = from;
    }

    YieldKind ICoroutineDriver.PendingYield => WaitKind;

    (YieldKind Kind, Future? Future, Coroutine? From) ICoroutineDriver.TakeYield()
    {
        var taken = (WaitKind, _futWaiter, _resumeTarget);
        ClearYield();
        return taken;
    }

    /// <summary>
    /// The end of CPython's <c>__step</c> when the coroutine yielded: wait for what it yielded
    /// (recorded by <see cref="ICoroutineDriver.Yielded"/>).
    /// </summary>
    [MethodImpl(HotPath.Options)]
    private void AfterYield(EventLoop loop)
    {
        switch (WaitKind)
        {
            case YieldKind.Future:
                var future = _futWaiter!;
                if (!future.BindTo(loop))
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
                    if (MustCancel && future.Cancel(PendingCancelMessage)) MustCancel = false;
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

    /// <summary>Takes over a coroutine that started inline in <paramref name="current"/>'s running step and has just suspended.</summary>
    internal void AdoptSuspended(EventLoop loop, ICoroutineDriver current)
    {
        (var kind, _futWaiter, _resumeTarget) = current.TakeYield();
        WaitKind = kind;
        _coro.DrivenBy(this);
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
            CancelCore(PendingCancelMessage);
            return;
        }
        Finished(cancelled: false);
        SetPendingCancelMessage(null);
        // A task with a result type runs a coroutine of that type (CreateTask<T> takes a Coroutine<T>);
        // a result-less one's result is None, as in Python.
        SetResultCore(typeof(T) == typeof(NoneType) ? default! : Unchecked.As<Coroutine<T>>(_coro).Result);
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
        if (_registrySlot >= 0)
        {
            GetLoop().PendingTasks.Unregister(_registrySlot);
            _registrySlot = -1;
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
            GetLoop().CallExceptionHandler(new Dictionary<string, object?>
            {
                ["message"] = "Exception in a cancellation callback of the task's CancellationToken",
                ["exception"] = e,
                ["task"] = this,
            });
        }
    }

    int IRegistered.RegistrySlot
    {
        get => _registrySlot;
        set => _registrySlot = value;
    }

    // ---------------------------------------------------------------- the rarely used parts

    private Extras? MaybeExtras => _contextOrExtras as Extras;

    private protected override string? PendingCancelMessage => MaybeExtras?.CancelMessage;

    // Clearing it needs no extras; a message does.
    private void SetPendingCancelMessage(string? message)
    {
        if (message is not null) More.CancelMessage = message;
        else if (MaybeExtras is { } extras) extras.CancelMessage = null;
    }

    private Extras More
    {
        get
        {
            if (_contextOrExtras is Extras extras) return extras;
            extras = new Extras { Context = _contextOrExtras };
            _contextOrExtras = extras;
            return extras;
        }
    }

    // The ExecutionContext snapshot or the Context the task runs in. Without extras, the field is it (or null).
    private object? ContextObject => _contextOrExtras is Extras extras ? extras.Context : _contextOrExtras;

    /// <summary>Keeps what a step changed: as the task's snapshot, or in the <see cref="PyAsync.Context"/> it runs in.</summary>
    private void SetSnapshot(ExecutionContext value)
    {
        var extras = _contextOrExtras as Extras;
        var current = extras is null ? _contextOrExtras : extras.Context;
        if (current is Context context) context.Update(value);
        else if (extras is not null) extras.Context = value;
        else _contextOrExtras = value;
    }

    private int NumCancelsRequested => MaybeExtras?.NumCancelsRequested ?? 0;

    private CancellationTokenSource? Cancellation => MaybeExtras?.Cancellation;

    // ---------------------------------------------------------------- repr

    /// <summary>CPython's <c>_task_repr_info</c>.</summary>
    private protected override List<string> ReprInfo()
    {
        var info = base.ReprInfo();
        if (NumCancelsRequested > 0 && !Done()) info[0] = "cancelling";
        info.Insert(1, $"name={Builtins.Repr(GetName())}");
        info.Insert(2, $"coro=<{_coro.QualName}(){(_coro.IsFinished ? " done" : "")}>");
        if (_futWaiter is not null) info.Insert(3, $"wait_for={_futWaiter}");
        return info;
    }

    /// <summary>CPython's <c>call_soon(task.__step, exc)</c>: steps a task with an exception thrown in at its await.</summary>
    private sealed class TaskThrowIn(PyTask<T> task, Exception error) : IReadyCallback
    {
        public void Run(object? arg) => task.StepWith(error);

        public string Describe(object? arg) => "Task.task_step()";
    }
}

/// <summary>
/// Mirrors <c>asyncio.Task</c> for a result-less <see cref="Coroutine"/>: its result is
/// <see cref="NoneType.None"/>, so <c>Print(await task)</c> prints <c>None</c> as in Python.
/// </summary>
public sealed class PyTask : PyTask<NoneType>
{
    [MethodImpl(HotPath.Options)]
    internal PyTask(Coroutine coro, EventLoop loop, string? name, object? context, bool adopt = false)
        : base(coro, loop, name, context, adopt) { }

    /// <summary>
    /// Mirrors <c>task.add_done_callback(fn)</c> with a callback that takes a result-less task, so that
    /// <c>static void Callback(PyTask t)</c> is accepted as in Python (callbacks taking
    /// <see cref="PyTask{T}"/> of <see cref="NoneType"/> or <see cref="Future"/> are accepted too).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    public void AddDoneCallback(Action<PyTask> fn, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        AddCallback(new DoneCallback<PyTask>(fn, this, context));
    }

    /// <summary>Mirrors <c>task.remove_done_callback(fn)</c>; returns how many registrations were removed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fn"/> is null.</exception>
    public int RemoveDoneCallback(Action<PyTask> fn) => RemoveDelegate(fn);
}
