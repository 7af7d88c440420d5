namespace PyAsync.CompilerServices;

/// <summary>
/// The continuation a coroutine registers on a .NET awaitable. Whatever thread it runs on, it only
/// schedules the task's next step on the loop: a task never steps inline inside someone else's callback.
/// </summary>
internal sealed class ForeignContinuation(EventLoop loop, Coroutine coroutine, Type awaiterType) : IReadyCallback
{
    private int _fired;

    public void Invoke()
    {
        if (Interlocked.Exchange(ref _fired, 1) != 0) return;
        if (loop.IsLoopThread) loop.EnqueueReady(this, null);
        else loop.PostThreadsafe(this, null);
        loop.OutsideWork.ForeignAwaitEnded();
    }

    /// <summary>Registering the continuation failed: undo what the suspension recorded.</summary>
    public void Abandon()
    {
        _fired = 1;
        loop.OutsideWork.ForeignAwaitEnded();
        Suspension.CurrentDriver(loop)?.Yielded(YieldKind.None, null, null);
    }

    public void Run(object? arg) => coroutine.FindDriver()?.ResumeFromForeign(coroutine, awaiterType);

    public string Describe(object? arg) => "Task.task_wakeup()";
}
