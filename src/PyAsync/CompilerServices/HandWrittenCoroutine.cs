using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

/// <summary>
/// A coroutine object written by hand rather than by the compiler (<c>Sleep</c>, <c>WaitFor</c>): what
/// they share is the await protocol, which this base owns. A subclass starts (<see cref="Start"/>),
/// awaits through <see cref="AwaitFuture"/>, <see cref="AwaitInline"/> or <see cref="YieldOnce"/>, is
/// resumed (<see cref="Resume"/>) with the exception a task throws in at that await, if any, and ends
/// with <see cref="Coroutine{T}.Return"/> or <see cref="Coroutine.Raise"/>.
/// </summary>
/// <remarks>
/// Written by hand where the runtime's own coroutines are many (a <c>Sleep(0)</c> per spawned task) or
/// where an outcome should pass through as a value: an exception that goes through a compiler-made
/// coroutine is rethrown once per layer, one that goes through these is raised once, at the await of
/// the code that asked for it.
/// </remarks>
internal abstract class HandWrittenCoroutine<T> : Coroutine<T>
{
    private bool _started;

    [MethodImpl(HotPath.Options)]
    internal sealed override void MoveNextFirst(EventLoop loop)
    {
        _started = true;
        try
        {
            Start(loop);
        }
        catch (Exception e) when (!IsCompleted)
        {
            Raise(e);
        }
    }

    [MethodImpl(HotPath.Options)]
    internal sealed override void MoveNext()
    {
        if (!_started)
        {
            MoveNextFirst(EventLoop.GetRunningLoop());
            return;
        }
        try
        {
            Resume(StepState.TakeThrowIn());
        }
        catch (Exception e) when (!IsCompleted)
        {
            Raise(e);
        }
    }

    /// <summary>The first step, on the running <paramref name="loop"/>: suspend, or finish at once.</summary>
    private protected abstract void Start(EventLoop loop);

    /// <summary>
    /// What the coroutine awaited is done, or <paramref name="thrown"/> was thrown in at that await
    /// (CPython's <c>coro.throw(exc)</c>, a cancellation usually): go on, or finish.
    /// </summary>
    private protected abstract void Resume(Exception? thrown);

    /// <summary><c>await future</c> on the running <paramref name="loop"/>: suspend until it is done (resume at once if it is).</summary>
    private protected void AwaitFuture(EventLoop loop, Future future)
    {
        if (future.Done()) Resume(null);
        else Suspension.YieldFuture(loop, future, this);
    }

    /// <summary><c>await coroutine</c>: run it inline; if it suspends, its end resumes this one.</summary>
    private protected void AwaitInline(EventLoop loop, Coroutine coroutine)
    {
        coroutine.StartInline(loop);
        if (coroutine.IsCompleted) Resume(null);
        else coroutine.AwaitedBy(this);
    }

    /// <summary>A bare <c>yield</c> on the running <paramref name="loop"/>: the task steps again on the next iteration.</summary>
    private protected void YieldOnce(EventLoop loop) => Suspension.YieldBare(loop, this);
}
