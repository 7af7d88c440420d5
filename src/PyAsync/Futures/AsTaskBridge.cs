namespace PyAsync;

/// <summary>Completes a <see cref="TaskCompletionSource{TResult}"/> when a future is done (<see cref="Future{T}.AsTask()"/>).</summary>
internal sealed class AsTaskBridge<T> : IReadyCallback
{
    private static readonly IReadyCallback s_attachLater = new Attacher();

    private readonly TaskCompletionSource<T> _source;
    private readonly EventLoop? _loop;

    private AsTaskBridge(TaskCompletionSource<T> source, EventLoop? loop)
    {
        _source = source;
        _loop = loop;
    }

    /// <summary>The task for <paramref name="future"/>, attached now on the loop's thread, or posted to the loop from another thread.</summary>
    public static Task<T> Start(Future<T> future)
    {
        var source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = future.LoopOrNull ?? EventLoop.CurrentOrNull;
        if (loop is null || !loop.IsRunning() || loop.IsLoopThread) Attach(future, source, loop);
        else loop.PostThreadsafe(s_attachLater, (future, source));
        return source.Task;
    }

    private static void Attach(Future<T> future, TaskCompletionSource<T> source, EventLoop? loop)
    {
        if (future.Done())
        {
            Complete(future, source);
            return;
        }
        loop?.OutsideWork.ForeignWaiterStarted();
        future.AddCallback(new AsTaskBridge<T>(source, loop));
    }

    public void Run(object? arg)
    {
        _loop?.OutsideWork.ForeignWaiterEnded();
        Complete((Future<T>)arg!, _source);
    }

    private static void Complete(Future<T> future, TaskCompletionSource<T> source)
    {
        if (future.Cancelled())
        {
            source.TrySetCanceled(future.TokenForAsTask);
            return;
        }
        if (future.Exception() is { } e) source.TrySetException(e);
        else source.TrySetResult(future.Result());
    }

    public string Describe(object? arg) => "Future.as_task.<locals>._done()";

    private sealed class Attacher : IReadyCallback
    {
        public void Run(object? arg)
        {
            var (future, source) = ((Future<T>, TaskCompletionSource<T>))arg!;
            Attach(future, source, future.BindLoop());
        }

        public string Describe(object? arg) => "Future.as_task.<locals>._attach()";
    }
}
