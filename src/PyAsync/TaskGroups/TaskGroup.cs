using System.Diagnostics;
using System.Runtime.ExceptionServices;

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
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class TaskGroup
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
}
