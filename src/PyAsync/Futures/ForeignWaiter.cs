namespace PyAsync;

/// <summary>
/// Non-PyAsync code (a TPL async method) waiting on a future or task: its continuation runs when
/// the future is done, as a done callback on the loop's thread, or back on the thread pool (or the
/// caller's <see cref="SynchronizationContext"/>) when it registered from another thread.
/// </summary>
internal sealed class ForeignWaiter : IReadyCallback
{
    private static readonly IReadyCallback s_registerLater = new RegisterLater();

    private readonly EventLoop _loop;
    private readonly Action _continuation;
    private readonly bool _offLoop;
    private readonly SynchronizationContext? _context;

    private ForeignWaiter(EventLoop loop, Action continuation, bool offLoop, SynchronizationContext? context)
    {
        _loop = loop;
        _continuation = continuation;
        _offLoop = offLoop;
        _context = context;
    }

    /// <exception cref="RuntimeError">The future has no loop and no loop runs on this thread.</exception>
    public static void Register(Future future, Action continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var loop = future.LoopOrNull ?? EventLoop.CurrentOrNull ?? throw new RuntimeError("no running event loop");
        if (!loop.IsRunning() || loop.IsLoopThread)
        {
            future.BindTo(loop);
            new ForeignWaiter(loop, continuation, offLoop: false, null).Attach(future);
            return;
        }
        var context = SynchronizationContext.Current;
        loop.PostThreadsafe(s_registerLater, (future, new ForeignWaiter(loop, continuation, offLoop: true, context)));
    }

    private void Attach(Future future)
    {
        _loop.OutsideWork.ForeignWaiterStarted();
        future.AddCallback(this);
    }

    public void Run(object? arg)
    {
        _loop.OutsideWork.ForeignWaiterEnded();
        if (!_offLoop)
        {
            _continuation();
            _loop.RestoreRunContext();
        }
        else if (_context is not null) _context.Post(static c => ((Action)c!)(), _continuation);
        else ThreadPool.UnsafeQueueUserWorkItem(static c => c(), _continuation, preferLocal: false);
    }

    public string Describe(object? arg) => QualNames.OfDelegate(_continuation) + "()";

    private sealed class RegisterLater : IReadyCallback
    {
        public void Run(object? arg)
        {
            var (future, waiter) = ((Future, ForeignWaiter))arg!;
            future.BindTo(waiter._loop);
            waiter.Attach(future);
        }

        public string Describe(object? arg) => "register_waiter()";
    }
}
