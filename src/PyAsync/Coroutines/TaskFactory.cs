namespace PyAsync;

/// <summary>
/// How coroutines reach tasks. Coroutines sit below tasks (as <c>coroutines.py</c> below
/// <c>tasks.py</c>), but three things about a coroutine need a task: <c>ensure_future(coro)</c> when the
/// coroutine's result type is not known statically, .NET code awaiting a coroutine outside any task,
/// and .NET code awaiting one that started inline in a task step. Tasks install the one implementation
/// when the assembly loads.
/// </summary>
internal abstract class TaskFactory
{
    private static TaskFactory? s_installed;

    /// <summary>The implementation the tasks installed.</summary>
    public static TaskFactory Installed => s_installed ?? throw new InvalidOperationException("PyAsync's tasks are not initialized");

    /// <summary>Called once, by the tasks, when the assembly loads.</summary>
    public static void Install(TaskFactory factory) => s_installed = factory;

    /// <summary>A task on <paramref name="loop"/> for a coroutine with a result.</summary>
    public abstract Future CreateTask<T>(Coroutine<T> coroutine, EventLoop loop);

    /// <summary>A task on <paramref name="loop"/> for a result-less coroutine.</summary>
    public abstract Future CreateTask(Coroutine coroutine, EventLoop loop);

    /// <summary>
    /// A task that takes over <paramref name="coroutine"/>, which started inline in <paramref name="current"/>'s
    /// running step and has just suspended: the suspension becomes the new task's.
    /// </summary>
    public abstract Future Adopt(Coroutine coroutine, EventLoop loop, ICoroutineDriver current);
}
