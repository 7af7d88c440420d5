using PyAsync.CompilerServices;

namespace PyAsync;

/// <summary>
/// The coroutine object of <c>wait_for(aw, timeout)</c> as CPython 3.12 writes it:
/// <c>async with timeout(t): return await aw</c>, and for a timeout of 0 or less, cancel and wait
/// (<see cref="WaitForNow"/>).
/// </summary>
/// <remarks>
/// CPython keeps <c>wait_for</c> in <c>tasks.py</c>, which imports <c>timeouts.py</c>, which imports
/// <c>tasks.py</c>. PyAsync keeps it here, with the timeout it is made of, so that tasks do not depend
/// on timeouts. Written by hand so that an outcome passes through it as a value (see
/// <see cref="HandWrittenCoroutine{T}"/>), which keeps many timeouts cheap.
/// </remarks>
internal sealed class WaitForCoroutine<T> : HandWrittenCoroutine<T>
{
    private readonly IAwaitable _awaitable;
    private readonly double? _timeout;
    private readonly Func<Coroutine, T> _coroutineResult;
    private readonly Func<Future, T> _futureResult;
    // What this coroutine awaits: the awaitable itself, or the WaitForNow coroutine.
    private IAwaitable? _inner;
    private PyTimeout? _timeoutScope;

    internal WaitForCoroutine(IAwaitable awaitable, double? timeout, Func<Coroutine, T> coroutineResult, Func<Future, T> futureResult)
    {
        _awaitable = awaitable;
        _timeout = timeout;
        _coroutineResult = coroutineResult;
        _futureResult = futureResult;
    }

    internal override string QualName => "wait_for";

    private protected override void Start(EventLoop loop)
    {
        if (_timeout is { } seconds && seconds <= 0)
        {
            var now = WaitForNow(_awaitable, _futureResult);
            _inner = now;
            AwaitInline(loop, now);
            return;
        }
        _timeoutScope = new PyTimeout(_timeout is { } delay ? loop.Time() + delay : null).Enter();
        _inner = _awaitable;
        switch (_awaitable)
        {
            case Coroutine coroutine:
                AwaitInline(loop, coroutine);
                return;
            case Future future:
                AwaitFuture(loop, future);
                return;
            default:
                Finish(new TypeError("An asyncio.Future, a coroutine or an awaitable is required"), default!);
                return;
        }
    }

    /// <summary>The inner awaitable is done, or a cancellation was thrown in at its <c>await</c>: leave the timeout block.</summary>
    private protected override void Resume(Exception? thrown)
    {
        var error = thrown;
        T result = default!;
        if (error is null)
        {
            switch (_inner)
            {
                case Coroutine coroutine:
                    error = coroutine.Failure;
                    if (error is null) result = _coroutineResult(coroutine);
                    break;
                case Future future:
                    // What `await future` raises, passed on as a value, not thrown.
                    if (!future.Done()) error = new RuntimeError("await wasn't used with future");
                    else if (future.Cancelled()) error = future.MakeCancelledError();
                    else error = future.Exception();
                    if (error is null) result = _futureResult(future);
                    break;
            }
        }
        if (_timeoutScope is not null) error = _timeoutScope.Leave(error, exceptionKnown: true) ?? error;
        Finish(error, result);
    }

    private void Finish(Exception? error, T result)
    {
        _inner = null;
        if (error is not null) Raise(error);
        else Return(result);
    }

    /// <summary>The branch of <c>wait_for</c> for a timeout of 0 or less: cancel an unfinished awaitable at once.</summary>
    private static async Coroutine<T> WaitForNow(IAwaitable awaitable, Func<Future, T> result)
    {
        var future = Awaitables.ToFuture(awaitable, EventLoop.GetRunningLoop());
        if (future.Done()) return result(future);
        await WaitForCoroutine.CancelAndWait(future);
        try
        {
            return result(future);
        }
        catch (CancelledError e)
        {
            throw TimeoutError.From(e);
        }
    }
}

/// <summary>CPython's <c>tasks.wait_for</c> (3.12 and later) and <c>_cancel_and_wait</c>.</summary>
internal static class WaitForCoroutine
{
    /// <summary><c>wait_for(aw, timeout)</c> for an awaitable with a result type.</summary>
    public static Coroutine<T> Create<T>(IAwaitable<T> awaitable, double? timeout) =>
        new WaitForCoroutine<T>(awaitable, timeout, TypedResult<T>.OfCoroutine, TypedResult<T>.OfFuture);

    /// <summary><c>wait_for(aw, timeout)</c> for an awaitable without a result type: the result as an object.</summary>
    public static Coroutine<object?> Create(IAwaitable awaitable, double? timeout) =>
        new WaitForCoroutine<object?>(awaitable, timeout, static c => c.ResultAsObject, static f => f.Result());

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

    private static class TypedResult<T>
    {
        // A WaitForCoroutine<T> of a typed wait_for awaits an IAwaitable<T>: a Coroutine<T> (or the
        // WaitForNow coroutine, a Coroutine<T> too) or a Future<T>, or, IAwaitable<T> being covariant,
        // one of a class deriving from T.
        public static readonly Func<Coroutine, T> OfCoroutine = static c => c.ResultAs<T>();
        public static readonly Func<Future, T> OfFuture = static f => f.ResultAs<T>();
    }

    /// <summary>CPython's <c>_release_waiter</c> as a done callback: completes the waiter if it is not done.</summary>
    private sealed class ReleaseWaiter(Future<NoneType> waiter) : IReadyCallback
    {
        public void Run(object? arg)
        {
            if (!waiter.Done()) waiter.SetResult(NoneType.None);
        }

        public string Describe(object? arg) => "_release_waiter()";
    }
}
