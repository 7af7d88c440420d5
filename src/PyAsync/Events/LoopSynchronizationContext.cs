namespace PyAsync;

/// <summary>
/// The <see cref="SynchronizationContext"/> of a running <see cref="EventLoop"/>'s thread: a .NET
/// <see cref="Task"/> awaited inside a coroutine (or any TPL code running on the loop) posts its
/// continuation here, so it resumes on the loop's thread as a loop callback.
/// </summary>
internal sealed class LoopSynchronizationContext(EventLoop loop) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        loop.PostThreadsafe(new PostedCallback(loop, d, state), null);
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (loop.IsLoopThread)
        {
            d(state);
            return;
        }
        using var done = new ManualResetEventSlim();
        Exception? error = null;
        Post(_ =>
        {
            try { d(state); }
            catch (Exception e) { error = e; }
            finally { done.Set(); }
        }, null);
        done.Wait();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>A continuation posted to the loop: CPython's <c>call_soon_threadsafe</c> handle, without the handle object.</summary>
    private sealed class PostedCallback(EventLoop loop, SendOrPostCallback callback, object? state) : IUserCode
    {
        public void Run(object? arg) => UserCallback.Run(loop, null, this, arg);

        public void Invoke() => callback(state);

        public string Describe(object? arg) => QualNames.OfDelegate(callback) + "()";

        public object? HandleForReport(object? arg) => null;
    }
}
