using System.Runtime.CompilerServices;
using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>The event loop's methods that deal in tasks (in CPython, methods of <c>BaseEventLoop</c> that use <c>tasks.py</c>).</summary>
public static class EventLoopTasks
{
    /// <summary>
    /// Mirrors <c>loop.create_task(coro, name=None, context=None)</c>: wraps <paramref name="coro"/> in
    /// a task whose first step runs on a later iteration. Works before the loop runs.
    /// </summary>
    /// <remarks>
    /// Without <paramref name="context"/> the task runs in a copy of the current context (its changes
    /// stay inside it); with one, it runs in that <see cref="Context"/> itself, so what it changes is
    /// visible through the <see cref="Context"/> afterwards, as in CPython. An <see cref="ExecutionContext"/>
    /// converts to a <see cref="Context"/> holding it.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    [MethodImpl(HotPath.Options)]
    public static PyTask<T> CreateTask<T>(this EventLoop loop, Coroutine<T> coro, string? name = null, Context? context = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(coro);
        loop.ThrowIfClosed();
        return new PyTask<T>(coro, loop, name, context);
    }

    /// <summary>Mirrors <c>loop.create_task(coro, name=None, context=None)</c> for a result-less coroutine.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed.</exception>
    public static PyTask CreateTask(this EventLoop loop, Coroutine coro, string? name = null, Context? context = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(coro);
        loop.ThrowIfClosed();
        return new PyTask(coro, loop, name, context);
    }

    /// <summary>A task that starts from <paramref name="snapshot"/> (a copy of it, as a task made without a context): the runner's main task.</summary>
    internal static PyTask<T> CreateTaskFrom<T>(this EventLoop loop, Coroutine<T> coro, ExecutionContext? snapshot)
    {
        loop.ThrowIfClosed();
        return new PyTask<T>(coro, loop, null, snapshot);
    }

    /// <summary>A task that starts from <paramref name="snapshot"/>, for a result-less coroutine.</summary>
    internal static PyTask CreateTaskFrom(this EventLoop loop, Coroutine coro, ExecutionContext? snapshot)
    {
        loop.ThrowIfClosed();
        return new PyTask(coro, loop, null, snapshot);
    }

    /// <summary>Mirrors <c>loop.run_until_complete(coro)</c>: wraps the coroutine in a task and runs it to completion.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed or running, or it was stopped before the task completed.</exception>
    public static T RunUntilComplete<T>(this EventLoop loop, Coroutine<T> coro)
    {
        CheckCanRun(loop, coro);
        var task = loop.CreateTask(coro);
        EventLoopFutures.RunUntilDone(loop, task, newTask: true);
        return task.Result();
    }

    /// <summary>Mirrors <c>loop.run_until_complete(coro)</c> for a result-less coroutine.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">The loop is closed or running, or it was stopped before the task completed.</exception>
    public static void RunUntilComplete(this EventLoop loop, Coroutine coro)
    {
        CheckCanRun(loop, coro);
        var task = loop.CreateTask(coro);
        EventLoopFutures.RunUntilDone(loop, task, newTask: true);
        task.Result();
    }

    private static void CheckCanRun(EventLoop loop, Coroutine coro)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(coro);
        loop.ThrowIfCannotRun();
    }

    /// <summary>The loop's tasks that are not done yet (CPython's <c>all_tasks(loop)</c>), in the order they were created.</summary>
    internal static List<IPyTask> AllTasks(this EventLoop loop) =>
        loop.PendingTasks.Snapshot().ConvertAll(static item => (IPyTask)item);

    /// <summary>CPython's <c>current_task(loop)</c> for the running <paramref name="loop"/>: the task whose step runs now, or null.</summary>
    internal static IPyTask? CurrentTask(this EventLoop loop) => loop.Step.Driver as IPyTask;
}
