using System.Diagnostics;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Timeout</c>, the context manager of <c>asyncio.timeout(delay)</c> and
/// <c>asyncio.timeout_at(when)</c>: when the deadline passes, the current task is cancelled at its
/// <c>await</c> and the block ends with <see cref="TimeoutError"/>.
/// </summary>
/// <remarks>
/// <para>
/// Port <c>async with asyncio.timeout(10) as cm:</c> as <c>await using (var cm = Timeout(10)) { ... }</c>:
/// <c>Timeout(...)</c> enters the block in the current task at once. A C# <c>await using</c> cannot see
/// an exception thrown by its body, so when the deadline has passed this form always ends with
/// <see cref="TimeoutError"/>, as CPython does when the body was interrupted (CPython returns normally if
/// the body swallowed the cancellation, and lets another exception through). The form
/// <c>await Timeout(10, async cm =&gt; { ... })</c> sees the body's exception and behaves exactly as CPython.
/// </para>
/// <para>
/// Nested timeouts: the innermost one that fires wins; an outer one that fires is not swallowed by an
/// inner block, because each block only converts the cancellation it caused (the task's
/// <c>Cancelling()</c> count tells them apart).
/// </para>
/// <para>
/// It is also a .NET <see cref="IAsyncDisposable"/>, for .NET code that ends the block (<c>await using</c> over an
/// <see cref="IAsyncDisposable"/> variable, a DI container, TPL code); a coroutine's <c>await using (var cm = ...)</c>
/// still binds the public <see cref="DisposeAsync"/> coroutine. See <see cref="IAsyncDisposable.DisposeAsync"/>.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class PyTimeout : IAsyncDisposable
{
    private State _state;
    private double? _when;
    private Handle? _timeoutHandler;
    private IPyTask? _task;
    private int _cancelling;

    internal PyTimeout(double? when) => _when = when;

    /// <summary>Mirrors <c>cm.when()</c>: the deadline on the loop's <see cref="EventLoop.Time"/> scale, or null for none.</summary>
    public double? When() => _when;

    /// <summary>
    /// Mirrors <c>cm.reschedule(when)</c>: moves the deadline (null: never). A deadline already past
    /// fires on the next loop iteration.
    /// </summary>
    /// <exception cref="RuntimeError">The block is not active (not entered yet, expiring, expired or finished).</exception>
    public void Reschedule(double? when)
    {
        if (_state != State.Entered)
        {
            if (_state == State.Created) throw new RuntimeError("Timeout has not been entered");
            throw new RuntimeError($"Cannot change state of {StateName} Timeout");
        }
        _when = when;
        _timeoutHandler?.Cancel();
        if (when is not { } deadline)
        {
            _timeoutHandler = null;
            return;
        }
        var loop = EventLoop.GetRunningLoop();
        _timeoutHandler = deadline <= loop.Time()
            ? loop.CallSoon(s_onTimeout, this)
            : loop.CallAt(deadline, s_onTimeout, this);
    }

    /// <summary>Mirrors <c>cm.expired()</c>: whether the deadline passed while the block ran.</summary>
    public bool Expired() => _state is State.Expiring or State.Expired;

    /// <summary>CPython's repr: <c>&lt;Timeout [active] when=12.5&gt;</c>.</summary>
    public override string ToString() =>
        _state == State.Entered
            ? $"<Timeout [{StateName}] when={(_when is { } w ? Builtins.Repr(Math.Round(w, 3)) : "None")}>"
            : $"<Timeout [{StateName}]>";

    /// <summary>Ends the block (the end of <c>await using</c>): see the remarks for how it differs from CPython.</summary>
    /// <exception cref="TimeoutError">The deadline passed while the block ran.</exception>
#pragma warning disable CS1998 // Exit is synchronous, as CPython's __aexit__ is in effect.
    public async Coroutine DisposeAsync() => Exit(null, exceptionKnown: false);
#pragma warning restore CS1998

    /// <summary>
    /// Mirrors <c>__aexit__(None, None, None)</c> for .NET code (<see cref="IAsyncDisposable"/>): the same exit as
    /// <see cref="DisposeAsync"/>. CPython's exit never suspends, and neither does this one: the returned
    /// <see cref="ValueTask"/> is complete, or faulted with the <see cref="TimeoutError"/> the block ends with.
    /// </summary>
    /// <remarks>
    /// It must be called on the loop's thread, during a step of the task that entered the block (a coroutine of that
    /// task, or TPL code it runs synchronously), since the exit uncancels that task; anywhere else it raises
    /// <see cref="RuntimeError"/> at once. Like the coroutine form, it cannot see an exception of the block's body.
    /// </remarks>
    /// <exception cref="RuntimeError">The block was not entered, or this is not a step of the task that entered it on the loop's thread.</exception>
    ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (_state == State.Created) throw new RuntimeError("Timeout has not been entered");
        var current = EventLoop.Running?.CurrentTask();
        if (current is null || !ReferenceEquals(current, _task))
        {
            throw new RuntimeError(
                $"{this} must be exited in the task that entered it, {_task}, on its event loop's thread; " +
                $"IAsyncDisposable.DisposeAsync() was called {(current is null ? "outside any task step" : $"in another task, {current}")}");
        }
        return Leave(null, exceptionKnown: false) is { } timeoutError ? ValueTask.FromException(timeoutError) : ValueTask.CompletedTask;
    }

    /// <summary>CPython's <c>__aenter__</c>.</summary>
    internal PyTimeout Enter()
    {
        if (_state != State.Created) throw new RuntimeError("Timeout has already been entered");
        var task = EventLoop.GetRunningLoop().CurrentTask() ?? throw new RuntimeError("Timeout should be used inside a task");
        _state = State.Entered;
        _task = task;
        _cancelling = task.Cancelling();
        Reschedule(_when);
        return this;
    }

    /// <summary>
    /// CPython's <c>__aexit__</c>. With <paramref name="exceptionKnown"/> false (the <c>await using</c>
    /// form), an expired block is taken to have been interrupted.
    /// </summary>
    internal void Exit(Exception? exception, bool exceptionKnown)
    {
        if (Leave(exception, exceptionKnown) is { } timeoutError) throw timeoutError;
    }

    /// <summary>
    /// <see cref="Exit"/> without throwing: the <see cref="TimeoutError"/> the block must end with, or
    /// null when <paramref name="exception"/> (if any) goes through unchanged.
    /// </summary>
    internal TimeoutError? Leave(Exception? exception, bool exceptionKnown)
    {
        _timeoutHandler?.Cancel();
        _timeoutHandler = null;
        if (_state == State.Expiring)
        {
            _state = State.Expired;
            if (_task!.Uncancel() <= _cancelling && (!exceptionKnown || exception is CancelledError))
                return TimeoutError.From(exception);
        }
        else if (_state == State.Entered)
        {
            _state = State.Exited;
        }
        return null;
    }

    /// <summary>The form that sees the body's exception: enter, run <paramref name="body"/>, exit with what it raised.</summary>
    internal static async Coroutine<T> Run<T>(double? when, Func<PyTimeout, Coroutine<T>> body)
    {
        var timeout = new PyTimeout(when).Enter();
        T result;
        try
        {
            result = await body(timeout);
        }
        catch (Exception e)
        {
            timeout.Exit(e, exceptionKnown: true);
            throw;
        }
        timeout.Exit(null, exceptionKnown: true);
        return result;
    }

    /// <summary>The result-less <see cref="Run{T}"/>.</summary>
    internal static async Coroutine Run(double? when, Func<PyTimeout, Coroutine> body) =>
        await Run(when, async timeout =>
        {
            await body(timeout);
            return NoneType.None;
        });

    private static readonly Action<PyTimeout> s_onTimeout = static timeout => timeout.OnTimeout();

    /// <summary>CPython's <c>_on_timeout</c>.</summary>
    private void OnTimeout()
    {
        _task!.Cancel();
        _state = State.Expiring;
        _timeoutHandler = null;
    }

    private string StateName => _state switch
    {
        State.Created => "created",
        State.Entered => "active",
        State.Expiring => "expiring",
        State.Expired => "expired",
        _ => "finished",
    };

    private enum State
    {
        Created,
        Entered,
        Expiring,
        Expired,
        Exited,
    }
}
