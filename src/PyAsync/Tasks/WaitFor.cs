using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>CPython's <c>tasks.wait_for</c> (3.12 and later) and <c>_cancel_and_wait</c>.</summary>
internal static class WaitingFor
{
    /// <summary>
    /// As Python 3.12+: a timeout of 0 or less cancels an unfinished awaitable at once; otherwise the
    /// awaitable is awaited inline inside a <c>timeout()</c> block, so a coroutine runs in the calling
    /// task and, if it swallows the cancellation and returns a value, that value is returned.
    /// </summary>
    public static Coroutine<T> WaitFor<T>(IAwaitable<T> awaitable, double? timeout) =>
        new WaitForCoroutine<T>(awaitable, timeout, TypedResult<T>.OfCoroutine, TypedResult<T>.OfFuture);

    /// <summary>The untyped <see cref="WaitFor{T}"/>: the result as an object.</summary>
    public static Coroutine<object?> WaitFor(IAwaitable awaitable, double? timeout) =>
        new WaitForCoroutine<object?>(awaitable, timeout, static c => c.ResultAsObject, static f => f.Result());

    private static class TypedResult<T>
    {
        public static readonly Func<Coroutine, T> OfCoroutine = static c => ((Coroutine<T>)c)._result;
        public static readonly Func<Future, T> OfFuture = static f => ((Future<T>)f).Result();
    }

    /// <summary>The branch of <c>wait_for</c> for a timeout of 0 or less.</summary>
    internal static async Coroutine<TResult> WaitForNow<TResult>(IAwaitable awaitable, Func<Future, TResult> result)
    {
        var future = Awaitables.ToFuture(awaitable, EventLoop.GetRunningLoop());
        if (future.Done()) return result(future);
        await CancelAndWait(future);
        try
        {
            return result(future);
        }
        catch (CancelledError e)
        {
            throw TimeoutError.From(e);
        }
    }

    /// <summary>CPython's <c>_cancel_and_wait</c>: cancel the future and wait until it is done, cancellably.</summary>
    public static async Coroutine CancelAndWait(Future future)
    {
        var waiter = EventLoop.GetRunningLoop().CreateFuture<NoneType>();
        var release = new ReleaseWaiter(waiter);
        future.AddCallback(release);
        try
        {
            future.Cancel();
            // We cannot wait on the future directly, so that this coroutine is reliably cancellable.
            await waiter;
        }
        finally
        {
            future.RemoveCallback(release);
        }
    }
}

/// <summary>CPython's <c>_release_waiter</c> as a done callback: completes the waiter if it is not done.</summary>
internal sealed class ReleaseWaiter(Future<NoneType> waiter) : IReadyCallback
{
    public void Run(object? arg)
    {
        if (!waiter.Done()) waiter.SetResult(NoneType.None);
    }

    public string Describe(object? arg) => "_release_waiter()";
}

/// <summary>
/// The coroutine object of <c>wait_for(aw, timeout)</c>, written by hand rather than as an async
/// method: CPython 3.12's <c>async with timeout(t): return await aw</c> (and, for a timeout of 0 or
/// less, <see cref="WaitingFor.WaitForNow{TResult}"/> awaited inline).
/// </summary>
/// <remarks>
/// By hand so that an outcome passes through it as a value: the inner awaitable's exception, or the
/// <see cref="TimeoutError"/> the timeout turns a cancellation into, reaches the awaiting code with one
/// .NET throw (at its <c>await</c>) instead of one per layer, which is what keeps many timeouts cheap.
/// </remarks>
internal sealed class WaitForCoroutine<T>(
    IAwaitable awaitable, double? timeout, Func<Coroutine, T> coroutineResult, Func<Future, T> futureResult) : Coroutine<T>
{
    // What this coroutine awaits: the awaitable itself, or the WaitForNow coroutine.
    private IAwaitable? _inner;
    private PyTimeout? _timeout;
    private bool _started;

    internal override string QualName => "wait_for";

    internal override void MoveNext()
    {
        try
        {
            if (_started)
            {
                Resume();
                return;
            }
            _started = true;
            Start();
        }
        catch (Exception e)
        {
            SetExceptionCore(e);
        }
    }

    private void Start()
    {
        var loop = EventLoop.GetRunningLoop();
        if (timeout is { } seconds && seconds <= 0)
        {
            var now = WaitingFor.WaitForNow(awaitable, futureResult);
            _inner = now;
            AwaitCoroutine(loop, now);
            return;
        }
        _timeout = new PyTimeout(timeout is { } delay ? loop.Time() + delay : null).Enter();
        _inner = awaitable;
        switch (awaitable)
        {
            case Coroutine coroutine:
                AwaitCoroutine(loop, coroutine);
                return;
            case Future future:
                if (future.Done()) Resume();
                else Suspension.YieldFuture(future, this);
                return;
            default:
                Finish(new TypeError("An asyncio.Future, a coroutine or an awaitable is required"), default!);
                return;
        }
    }

    /// <summary><c>await coroutine</c>: run it inline; if it suspends, it resumes this one when it completes.</summary>
    private void AwaitCoroutine(EventLoop loop, Coroutine coroutine)
    {
        coroutine.StartInline(loop);
        if (coroutine.IsCompleted) Resume();
        else coroutine.AwaitedBy(this);
    }

    /// <summary>The inner awaitable is done, or a cancellation was thrown in at its <c>await</c>: leave the timeout block.</summary>
    private void Resume()
    {
        var error = Suspension.TakeThrownIn();
        T result = default!;
        if (error is null)
        {
            switch (_inner)
            {
                case Coroutine coroutine:
                    error = coroutine.Failure;
                    if (error is null) result = _timeout is null ? ((Coroutine<T>)coroutine)._result : coroutineResult(coroutine);
                    break;
                case Future future:
                    try
                    {
                        future.ThrowIfNotDoneForAwait();
                        result = futureResult(future);
                    }
                    catch (Exception e)
                    {
                        error = e;
                    }
                    break;
            }
        }
        if (_timeout is not null) error = _timeout.Leave(error, exceptionKnown: true) ?? error;
        Finish(error, result);
    }

    private void Finish(Exception? error, T result)
    {
        _inner = null;
        if (error is not null) SetExceptionCore(error);
        else SetResultCore(result);
    }
}
