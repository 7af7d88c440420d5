using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Sources;
using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.TaskGroup</c> (Python 3.11, with the 3.12/3.13 changes): tasks created in the
/// group are awaited when the block ends; the first one that fails cancels the others and the
/// enclosing task, and all failures (not cancellations) come out together as an <see cref="ExceptionGroup"/>.
/// </summary>
/// <remarks>
/// <para>
/// Port <c>async with asyncio.TaskGroup() as tg:</c> as <c>await using (var tg = TaskGroup()) { ... }</c>:
/// the factory enters the group in the current task. A C# <c>await using</c> cannot see an exception
/// thrown by its body, so in that form a body that raises (other than by being cancelled) does not
/// abort the group's tasks: they are awaited to their end, then the body's exception goes on (or the
/// <see cref="ExceptionGroup"/>, if tasks failed). <c>await TaskGroup(async tg =&gt; { ... })</c> sees the
/// body's exception and behaves exactly as CPython, adding it to the group's errors.
/// </para>
/// <para>
/// A group made but not entered yet: <c>var tg = new TaskGroup();</c> then <c>await using (tg.Enter()) { ... }</c>.
/// </para>
/// <para>
/// It is also a .NET <see cref="IAsyncDisposable"/>, for .NET code that ends it (a DI container, <c>await using</c>
/// over an <see cref="IAsyncDisposable"/> variable, TPL code). A coroutine's <c>await using (var tg = ...)</c> still
/// binds the public <see cref="DisposeAsync"/> coroutine. The interface's <c>DisposeAsync</c> is the same
/// <c>__aexit__</c>, run in the task that entered the group; see <see cref="IAsyncDisposable.DisposeAsync"/> for how.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class TaskGroup : IAsyncDisposable
{
    private const string ErrorsMessage = "unhandled errors in a TaskGroup";

    private bool _entered;
    private bool _exiting;
    private bool _aborting;
    private EventLoop? _loop;
    private IPyTask? _parentTask;
    private bool _parentCancelRequested;
    private readonly HashSet<Future> _tasks = new(ReferenceEqualityComparer.Instance);
    private List<Exception>? _errors = new();
    private Future<bool>? _onCompletedFut;
    private readonly TaskDoneCallback _onTaskDone;

    /// <summary>Mirrors <c>asyncio.TaskGroup()</c>: a group not entered yet (see <see cref="Enter"/>).</summary>
    public TaskGroup() => _onTaskDone = new TaskDoneCallback(this);

    /// <summary>
    /// Mirrors <c>__aenter__</c>: enters the group in the current task and returns it, for
    /// <c>await using (tg.Enter()) { ... }</c>.
    /// </summary>
    /// <exception cref="RuntimeError">The group was entered before, or there is no current task.</exception>
    public TaskGroup Enter()
    {
        if (_entered) throw new RuntimeError($"TaskGroup {this} has already been entered");
        _loop ??= EventLoop.GetRunningLoop();
        _parentTask = _loop.CurrentTask() ?? throw new RuntimeError($"TaskGroup {this} cannot determine the parent task");
        _entered = true;
        return this;
    }

    /// <summary>Mirrors <c>tg.create_task(coro, name=None, context=None)</c>: a task that the group awaits.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">The group has not been entered, is finished, or is shutting down after a failure.</exception>
    public PyTask<T> CreateTask<T>(Coroutine<T> coro, string? name = null, Context? context = null)
    {
        CheckCanCreate(coro);
        return Track(_loop!.CreateTask(coro, name, context));
    }

    /// <summary>Mirrors <c>tg.create_task(coro, name=None, context=None)</c> for a result-less coroutine.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">The group has not been entered, is finished, or is shutting down after a failure.</exception>
    public PyTask CreateTask(Coroutine coro, string? name = null, Context? context = null)
    {
        CheckCanCreate(coro);
        return Track(_loop!.CreateTask(coro, name, context));
    }

    /// <summary>Ends the block (the end of <c>await using</c>): awaits every task; see the remarks.</summary>
    /// <exception cref="ExceptionGroup">Tasks of the group failed.</exception>
    public Coroutine DisposeAsync() => Exit(null, exceptionKnown: false);

    /// <summary>
    /// Mirrors <c>__aexit__(None, None, None)</c> for .NET code (<see cref="IAsyncDisposable"/>): the same exit as
    /// <see cref="DisposeAsync"/>, run in the task that entered the group, as CPython's <c>async with</c> runs it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// It must be called on the loop's thread, during a step of the task that entered the group (a coroutine of that
    /// task, or TPL code it runs synchronously); anywhere else it raises <see cref="RuntimeError"/> at once, as the
    /// exit checks and uncancels that task. The exit starts inline, in that step. When it has nothing to wait for,
    /// the returned <see cref="ValueTask"/> is already complete (or faulted with the <see cref="ExceptionGroup"/>), and
    /// awaiting it costs no loop iteration. When tasks are still running and a coroutine of the same task awaits the
    /// <see cref="ValueTask"/>, the exit goes on inside that task, exactly as the coroutine form does: the task waits on
    /// the group's completion future, and a cancellation of the task reaches the exit's wait (CPython's
    /// <c>__aexit__</c> catches it, cancels the children and raises <see cref="CancelledError"/> afterwards).
    /// </para>
    /// <para>
    /// Differences: when TPL code awaits the <see cref="ValueTask"/> instead (an <c>async Task</c> method, a DI
    /// container), the task that entered the group is itself suspended on a .NET await, so the rest of the exit is
    /// driven by a task of its own (as .NET code awaiting any started coroutine is); a cancellation of the entering
    /// task then cancels its <see cref="IPyTask.CancellationToken"/> but does not reach the exit's wait. Like the
    /// coroutine form, it cannot see an exception of the block's body (see the class remarks).
    /// </para>
    /// </remarks>
    /// <exception cref="RuntimeError">The group was not entered, or this is not a step of the task that entered it on the loop's thread.</exception>
    ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (!_entered) throw new RuntimeError($"TaskGroup {this} has not been entered");
        var loop = _loop!;
        var current = loop.IsLoopThread ? Suspension.CurrentDriver(loop) : null;
        if (current is null || !ReferenceEquals(current, _parentTask))
        {
            string where = !loop.IsLoopThread ? "on another thread than its event loop's"
                : current is null ? "outside any task step"
                : $"in another task, {current}";
            throw new RuntimeError(
                $"TaskGroup {this} must be exited in the task that entered it, {_parentTask}, on its event loop's thread; " +
                $"IAsyncDisposable.DisposeAsync() was called {where}");
        }
        var exit = Exit(null, exceptionKnown: false);
        exit.StartInline(loop);
        if (exit.IsCompleted) return exit.Failure is { } error ? ValueTask.FromException(error) : ValueTask.CompletedTask;
        // The exit waits on the group: keep what it suspended on for whoever awaits the ValueTask.
        return new ValueTask(new InlineExit(exit, loop, current, current.TakeYield()), 0);
    }

    /// <summary>CPython's repr: <c>&lt;TaskGroup tasks=2 entered&gt;</c>.</summary>
    public override string ToString()
    {
        var info = new List<string> { "" };
        if (_tasks.Count > 0) info.Add($"tasks={_tasks.Count}");
        if (_errors is { Count: > 0 }) info.Add($"errors={_errors.Count}");
        if (_aborting) info.Add("cancelling");
        else if (_entered) info.Add("entered");
        return $"<TaskGroup{string.Join(' ', info)}>";
    }

    /// <summary>The form that sees the body's exception: enter, run <paramref name="body"/>, exit with what it raised.</summary>
    internal static async Coroutine<T> Run<T>(Func<TaskGroup, Coroutine<T>> body)
    {
        var group = new TaskGroup().Enter();
        T result;
        try
        {
            result = await body(group);
        }
        catch (Exception e)
        {
            await group.Exit(e, exceptionKnown: true);
            throw;
        }
        await group.Exit(null, exceptionKnown: true);
        return result;
    }

    private void CheckCanCreate(Coroutine coro)
    {
        ArgumentNullException.ThrowIfNull(coro);
        string? problem = !_entered ? "has not been entered"
            : _exiting && _tasks.Count == 0 ? "is finished"
            : _aborting ? "is shutting down"
            : null;
        if (problem is null) return;
        coro.Close();
        throw new RuntimeError($"TaskGroup {this} {problem}");
    }

    private TTask Track<TTask>(TTask task) where TTask : Future
    {
        if (task.Done())
        {
            OnTaskDone(task);
        }
        else
        {
            _tasks.Add(task);
            task.AddCallback(_onTaskDone);
        }
        return task;
    }

    /// <summary>
    /// CPython's <c>__aexit__</c>. With <paramref name="exceptionKnown"/> false (the <c>await using</c>
    /// form), a body interrupted by a cancellation is recognised by the parent task's pending
    /// cancellation requests; any other exception of the body is unseen.
    /// </summary>
    private async Coroutine Exit(Exception? exception, bool exceptionKnown)
    {
        _exiting = true;
        Exception? propagateCancellation = exception as CancelledError;
        bool bodyRaised = exceptionKnown
            ? exception is not null
            : _parentTask!.Cancelling() > (_parentCancelRequested ? 1 : 0);
        if (bodyRaised && !_aborting) Abort();

        while (_tasks.Count > 0)
        {
            _onCompletedFut ??= _loop!.CreateFuture<bool>();
            try
            {
                await _onCompletedFut;
            }
            catch (CancelledError e)
            {
                if (!_aborting)
                {
                    propagateCancellation = e;
                    Abort();
                }
            }
            _onCompletedFut = null;
        }

        if (_parentCancelRequested && _parentTask!.Uncancel() == 0) propagateCancellation = null;

        var errors = _errors!;
        if (propagateCancellation is not null && errors.Count == 0) ExceptionDispatchInfo.Throw(propagateCancellation);

        if (exceptionKnown && exception is not null and not CancelledError) errors.Add(exception);

        if (errors.Count > 0)
        {
            // If the parent task is being cancelled from outside the group, un-cancel and re-cancel
            // it, which keeps the cancel count stable (3.13).
            if (_parentTask!.Cancelling() > 0)
            {
                _parentTask.Uncancel();
                _parentTask.Cancel();
            }
            _errors = null;
            throw new ExceptionGroup(ErrorsMessage, errors);
        }
    }

    private void Abort()
    {
        _aborting = true;
        foreach (var task in _tasks)
            if (!task.Done()) task.Cancel();
    }

    /// <summary>CPython's <c>_on_task_done</c>.</summary>
    private void OnTaskDone(Future task)
    {
        _tasks.Remove(task);
        if (_onCompletedFut is not null && _tasks.Count == 0 && !_onCompletedFut.Done()) _onCompletedFut.SetResult(true);
        if (task.Cancelled()) return;
        var error = task.Exception();
        if (error is null) return;
        _errors?.Add(error);
        if (_parentTask!.Done())
        {
            _loop!.CallExceptionHandler(new Dictionary<string, object?>
            {
                ["message"] = $"Task {task} has errored out but its parent task {_parentTask} is already completed",
                ["exception"] = error,
                ["task"] = task,
            });
            return;
        }
        if (!_aborting && !_parentCancelRequested)
        {
            // Cancel the parent to interrupt whatever the body awaits; __aexit__ uncancels it.
            Abort();
            _parentCancelRequested = true;
            _parentTask.Cancel();
        }
    }

    private sealed class TaskDoneCallback(TaskGroup group) : IReadyCallback
    {
        public void Run(object? arg) => group.OnTaskDone((Future)arg!);

        public string Describe(object? arg) => "TaskGroup._on_task_done()";
    }

    /// <summary>
    /// The <see cref="ValueTask"/> of <see cref="IAsyncDisposable.DisposeAsync"/> when the exit, started inline in the
    /// entering task's step, suspended. It holds what the exit suspended on (taken from the task, so that the
    /// awaiting code's own suspension does not overwrite it) until someone awaits it:
    /// <list type="bullet">
    /// <item>a coroutine of the entering task (the common case, <c>await using</c> over an <see cref="IAsyncDisposable"/>):
    /// the exit becomes the coroutine's inline child, as <c>await tg.DisposeAsync()</c> would make it, and the task
    /// waits on what the exit waits on;</item>
    /// <item>anything else (TPL code, another thread): a task adopts the exit, as for .NET code awaiting any started
    /// coroutine, and the continuation runs when it is done.</item>
    /// </list>
    /// As an <see cref="ICoroutineDriver"/> it only hands the kept suspension to the adopting task.
    /// </summary>
    private sealed class InlineExit(Coroutine exit, EventLoop loop, ICoroutineDriver parent, (YieldKind Kind, Future? Future, Coroutine? From) suspension)
        : IValueTaskSource, ICoroutineDriver
    {
        private (YieldKind Kind, Future? Future, Coroutine? From) _suspension = suspension;
        private bool _awaited;

        public ValueTaskSourceStatus GetStatus(short token) =>
            !exit.IsCompleted ? ValueTaskSourceStatus.Pending
            : exit.Failure is null ? ValueTaskSourceStatus.Succeeded
            : ValueTaskSourceStatus.Faulted;

        public void GetResult(short token)
        {
            if (!exit.IsCompleted) throw new InvalidOperationException("The TaskGroup's exit has not finished: await the ValueTask before reading it");
            if (exit.Failure is { } error) ExceptionDispatchInfo.Throw(error);
        }

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        {
            if (_awaited) throw new InvalidOperationException("The ValueTask of a TaskGroup's DisposeAsync can be awaited only once");
            _awaited = true;
            if (loop.IsLoopThread && Suspension.CurrentDriver(loop) is { PendingYield: YieldKind.Foreign } driver && ReferenceEquals(driver, parent))
            {
                // A coroutine of the entering task awaits us in its step: Suspension has just recorded a .NET
                // await for it (the awaiting coroutine is the driver's resume target) and counted it as outside
                // work. Undo both, and make the exit the coroutine's inline child instead: the task waits on what
                // the exit waits on, and the exit's end resumes the coroutine, which then reads GetResult. The
                // continuation is never called.
                var awaiting = driver.TakeYield().From;
                driver.Yielded(_suspension.Kind, _suspension.Future, _suspension.From);
                _suspension = default;
                exit.AwaitedBy(awaiting!);
                loop.OutsideWork.ForeignAwaitEnded();
                return;
            }
            if (loop.IsLoopThread)
            {
                DriveInTask(continuation, state, context: null);
                return;
            }
            var context = (flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0 ? SynchronizationContext.Current : null;
            loop.CallSoonThreadsafe(() => DriveInTask(continuation, state, context ?? s_threadPool));
        }

        /// <summary>On the loop's thread: a task adopts the suspended exit; the continuation runs when it is done.</summary>
        private void DriveInTask(Action<object?> continuation, object? state, SynchronizationContext? context)
        {
            var task = TaskFactory.Installed.Adopt(exit, loop, this);
            ForeignWaiter.Register(task, () =>
            {
                // The outcome is read through GetResult: the task's failure is retrieved there.
                task.MarkRetrieved();
                if (context is null) continuation(state);
                else context.Post(static s => { var (c, st) = ((Action<object?>, object?))s!; c(st); }, (continuation, state));
            });
        }

        private static readonly SynchronizationContext s_threadPool = new();

        void ICoroutineDriver.Yielded(YieldKind kind, Future? future, Coroutine? from) =>
            throw new InvalidOperationException("a TaskGroup's kept exit runs no step");

        YieldKind ICoroutineDriver.PendingYield => _suspension.Kind;

        (YieldKind Kind, Future? Future, Coroutine? From) ICoroutineDriver.TakeYield()
        {
            var taken = _suspension;
            _suspension = default;
            return taken;
        }

        void ICoroutineDriver.ResumeFromForeign(Coroutine from, Type awaiterType) { }
    }
}
