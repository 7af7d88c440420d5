namespace PyAsync;

// The combinators and structured concurrency of asyncio: gather, shield, wait_for, wait,
// as_completed, TaskGroup, timeout, to_thread, ensure_future.
public static partial class Asyncio
{
    /// <summary><c>asyncio.FIRST_COMPLETED</c>, for <see cref="Wait{TFuture}"/>.</summary>
    public const ReturnWhen FirstCompleted = ReturnWhen.FirstCompleted;

    /// <summary><c>asyncio.FIRST_EXCEPTION</c>, for <see cref="Wait{TFuture}"/>.</summary>
    public const ReturnWhen FirstException = ReturnWhen.FirstException;

    /// <summary><c>asyncio.ALL_COMPLETED</c>, for <see cref="Wait{TFuture}"/>.</summary>
    public const ReturnWhen AllCompleted = ReturnWhen.AllCompleted;

    // ---------------------------------------------------------------- gather

    /// <summary>
    /// Mirrors <c>asyncio.gather(*aws)</c> over any mix of coroutines, tasks and futures: coroutines
    /// are wrapped in tasks in argument order; returns at once a future (see
    /// <see cref="GatheringFuture{TResult}"/>) whose result lists the results in argument order.
    /// </summary>
    /// <exception cref="ArgumentNullException">An awaitable is null.</exception>
    public static GatheringFuture<List<object?>> Gather(params IAwaitable[] aws) => GatherObjects(aws, returnExceptions: false);

    /// <summary>
    /// Mirrors <c>asyncio.gather(*aws, return_exceptions=...)</c>: with <paramref name="returnExceptions"/>,
    /// exceptions (and <see cref="CancelledError"/>s of cancelled children) come back as values in their places.
    /// </summary>
    /// <exception cref="ArgumentNullException">An awaitable is null.</exception>
    public static GatheringFuture<List<object?>> Gather(bool returnExceptions, params IAwaitable[] aws) => GatherObjects(aws, returnExceptions);

    /// <summary>Mirrors <c>asyncio.gather(*aws, return_exceptions=...)</c> over a collection.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="aws"/> or an awaitable in it is null.</exception>
    public static GatheringFuture<List<object?>> Gather(IEnumerable<IAwaitable> aws, bool returnExceptions = false) =>
        GatherObjects([.. aws ?? throw new ArgumentNullException(nameof(aws))], returnExceptions);

    /// <summary>Mirrors <c>asyncio.gather(*aws, return_exceptions=...)</c> over a collection.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="aws"/> or an awaitable in it is null.</exception>
    public static GatheringFuture<List<object?>> Gather(bool returnExceptions, IEnumerable<IAwaitable> aws) => Gather(aws, returnExceptions);

    /// <summary>Mirrors <c>asyncio.gather(*aws)</c> over awaitables of one result type: the results as a typed list.</summary>
    /// <exception cref="ArgumentNullException">An awaitable is null.</exception>
    public static GatheringFuture<List<T>> Gather<T>(params IAwaitable<T>[] aws) =>
        GatheringFuture<List<T>>.Create(new ReadOnlySpan<IAwaitable>(aws ?? throw new ArgumentNullException(nameof(aws))), false, GatherResult.Typed<T>);

    /// <summary>
    /// Mirrors <c>asyncio.gather(*aws)</c> with the results' list type given: <c>Gather&lt;object&gt;(t1, t2)</c>
    /// over result-less tasks gives <c>[None, None]</c>. Each result is converted to <typeparamref name="T"/>
    /// (a result-less one is <see cref="None"/>); awaitables of one result type keep it with the overload above.
    /// </summary>
    /// <exception cref="ArgumentNullException">An awaitable is null.</exception>
    /// <exception cref="InvalidCastException">When awaited: a result is not a <typeparamref name="T"/>.</exception>
    public static GatheringFuture<List<T>> Gather<T>(params IAwaitable[] aws) where T : class? =>
        GatheringFuture<List<T>>.Create(new ReadOnlySpan<IAwaitable>(aws ?? throw new ArgumentNullException(nameof(aws))), false, GatherResult.Typed<T>);

    /// <summary>Mirrors <c>asyncio.gather(*aws)</c> over a collection of awaitables of one result type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="aws"/> or an awaitable in it is null.</exception>
    public static GatheringFuture<List<T>> Gather<T>(IEnumerable<IAwaitable<T>> aws) =>
        Gather([.. aws ?? throw new ArgumentNullException(nameof(aws))]);

    /// <summary>
    /// Mirrors <c>asyncio.gather(a, b)</c>: the results print and index as a list (<c>[3, 1]</c>) and
    /// deconstruct into typed values: <c>var (x, y) = await Gather(F(), G())</c>.
    /// </summary>
    public static GatheringFuture<GatherResult<T1, T2>> Gather<T1, T2>(IAwaitable<T1> a1, IAwaitable<T2> a2) =>
        GatheringFuture<GatherResult<T1, T2>>.Create([a1, a2], false, static c => new(GatherResult.Results(c)));

    /// <summary>Mirrors <c>asyncio.gather(a, b, c)</c>; see <see cref="Gather{T1, T2}"/>.</summary>
    public static GatheringFuture<GatherResult<T1, T2, T3>> Gather<T1, T2, T3>(IAwaitable<T1> a1, IAwaitable<T2> a2, IAwaitable<T3> a3) =>
        GatheringFuture<GatherResult<T1, T2, T3>>.Create([a1, a2, a3], false, static c => new(GatherResult.Results(c)));

    /// <summary>Mirrors <c>asyncio.gather(a, b, c, d)</c>; see <see cref="Gather{T1, T2}"/>.</summary>
    public static GatheringFuture<GatherResult<T1, T2, T3, T4>> Gather<T1, T2, T3, T4>(
        IAwaitable<T1> a1, IAwaitable<T2> a2, IAwaitable<T3> a3, IAwaitable<T4> a4) =>
        GatheringFuture<GatherResult<T1, T2, T3, T4>>.Create([a1, a2, a3, a4], false, static c => new(GatherResult.Results(c)));

    /// <summary>Mirrors <c>asyncio.gather(a, b, c, d, e)</c>; see <see cref="Gather{T1, T2}"/>.</summary>
    public static GatheringFuture<GatherResult<T1, T2, T3, T4, T5>> Gather<T1, T2, T3, T4, T5>(
        IAwaitable<T1> a1, IAwaitable<T2> a2, IAwaitable<T3> a3, IAwaitable<T4> a4, IAwaitable<T5> a5) =>
        GatheringFuture<GatherResult<T1, T2, T3, T4, T5>>.Create([a1, a2, a3, a4, a5], false, static c => new(GatherResult.Results(c)));

    private static GatheringFuture<List<object?>> GatherObjects(IAwaitable[] aws, bool returnExceptions) =>
        GatheringFuture<List<object?>>.Create(aws ?? throw new ArgumentNullException(nameof(aws)), returnExceptions,
            returnExceptions ? GatherResult.Outcomes : GatherResult.Objects);

    // ---------------------------------------------------------------- shield, wait_for, wait, as_completed

    /// <summary>
    /// Mirrors <c>asyncio.shield(aw)</c>: returns at once a future that gets <paramref name="aw"/>'s
    /// outcome; cancelling it (or the task awaiting it) does not cancel <paramref name="aw"/>, which runs on.
    /// An awaitable already done is returned as is.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="aw"/> is null.</exception>
    public static Future<T> Shield<T>(IAwaitable<T> aw) => ShieldLink.Shield(aw);

    /// <summary>Mirrors <c>asyncio.shield(aw)</c> for an awaitable without a result type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="aw"/> is null.</exception>
    public static Future Shield(IAwaitable aw) => ShieldLink.Shield(aw);

    /// <summary>
    /// Mirrors <c>asyncio.wait_for(aw, timeout)</c> (Python 3.12+): the result of <paramref name="aw"/>
    /// if it completes within <paramref name="timeout"/> seconds; otherwise <paramref name="aw"/> is
    /// cancelled, waited for until it has really finished, and <see cref="TimeoutError"/> is raised.
    /// A null timeout waits forever; 0 or less times out at once. Cancelling the caller cancels
    /// <paramref name="aw"/>. As in 3.12+, a coroutine runs inline in the calling task (3.11 wrapped it in a
    /// task), and one that swallows the cancellation and returns a value makes <c>WaitFor</c> return it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="aw"/> is null.</exception>
    public static Coroutine<T> WaitFor<T>(IAwaitable<T> aw, double? timeout)
    {
        ArgumentNullException.ThrowIfNull(aw);
        return WaitForCoroutine.Create(aw, timeout);
    }

    /// <summary>Mirrors <c>asyncio.wait_for(aw, timeout)</c> for an awaitable without a result type; see <see cref="WaitFor{T}(IAwaitable{T}, double?)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="aw"/> is null.</exception>
    public static Coroutine<object?> WaitFor(IAwaitable aw, double? timeout)
    {
        ArgumentNullException.ThrowIfNull(aw);
        return WaitForCoroutine.Create(aw, timeout);
    }

    /// <summary>
    /// Mirrors <c>asyncio.wait(fs, timeout=None, return_when=ALL_COMPLETED)</c>: waits until
    /// <paramref name="returnWhen"/> is met or the timeout passes, and returns the futures split into
    /// <c>(done, pending)</c>. A timeout cancels nothing.
    /// </summary>
    /// <remarks>
    /// The sets are <see cref="FutureSet{TFuture}"/>s: <see cref="HashSet{T}"/>s of the futures' own type,
    /// which also convert to <c>HashSet&lt;Future&gt;</c> for variables declared with the base type.
    /// </remarks>
    /// <exception cref="ValueError">When awaited: <paramref name="fs"/> is empty.</exception>
    public static async Coroutine<(FutureSet<TFuture> Done, FutureSet<TFuture> Pending)> Wait<TFuture>(
        IEnumerable<TFuture> fs, double? timeout = null, ReturnWhen returnWhen = AllCompleted) where TFuture : Future =>
        await WaitCoroutine.Create(WaitCoroutine.Check(fs, returnWhen), timeout, returnWhen);

    /// <summary>
    /// Mirrors <c>asyncio.wait(fs, ...)</c> over any awaitables: as in Python 3.11+, bare coroutines are
    /// rejected with <see cref="TypeError"/> (wrap them with <c>CreateTask</c>).
    /// </summary>
    /// <exception cref="ValueError">When awaited: <paramref name="fs"/> is empty.</exception>
    /// <exception cref="TypeError">When awaited: <paramref name="fs"/> contains a coroutine.</exception>
    public static async Coroutine<(FutureSet<Future> Done, FutureSet<Future> Pending)> Wait(
        IEnumerable<IAwaitable> fs, double? timeout = null, ReturnWhen returnWhen = AllCompleted) =>
        await WaitCoroutine.Create(WaitCoroutine.Check(fs, returnWhen).Select(static a => (Future)a).ToList(), timeout, returnWhen);

    /// <summary>
    /// Mirrors <c>asyncio.as_completed(aws, timeout=None)</c> (Python 3.13): iterate with
    /// <c>foreach</c> for coroutines giving the results in completion order, or with
    /// <c>await foreach</c> for the finished tasks themselves. See <see cref="AsCompletedIterator{TFuture, TResult}"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="aws"/> or an awaitable in it is null.</exception>
    public static AsCompletedIterator<Future<T>, T> AsCompleted<T>(IEnumerable<IAwaitable<T>> aws, double? timeout = null) =>
        new(aws, timeout, static f => f.Result());

    /// <summary>
    /// Mirrors <c>asyncio.as_completed(tasks, timeout=None)</c> over tasks: <c>await foreach</c> yields the
    /// tasks themselves, as Python 3.13 does, so <c>t.GetName()</c> works on them.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="tasks"/> or a task in it is null.</exception>
    public static AsCompletedIterator<PyTask<T>, T> AsCompleted<T>(IEnumerable<PyTask<T>> tasks, double? timeout = null) =>
        new(tasks, timeout, static f => f.Result());

    /// <summary>Mirrors <c>asyncio.as_completed(aws, timeout=None)</c> over awaitables without a common result type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="aws"/> or an awaitable in it is null.</exception>
    public static AsCompletedIterator<Future, object?> AsCompleted(IEnumerable<IAwaitable> aws, double? timeout = null) =>
        new(aws, timeout, static f => f.Result());

    // ---------------------------------------------------------------- structured concurrency

    /// <summary>
    /// Mirrors <c>async with asyncio.TaskGroup() as tg:</c> as <c>await using (var tg = TaskGroup()) { ... }</c>:
    /// a group entered in the current task. See <see cref="PyAsync.TaskGroup"/> for what the
    /// <c>await using</c> form cannot see.
    /// </summary>
    /// <exception cref="RuntimeError">There is no current task.</exception>
    public static PyAsync.TaskGroup TaskGroup() => new PyAsync.TaskGroup().Enter();

    /// <summary>
    /// Mirrors <c>async with asyncio.TaskGroup() as tg:</c> exactly: <c>await TaskGroup(async tg =&gt; { ... })</c>
    /// runs the body in a group that sees the body's exceptions.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static Coroutine TaskGroup(Func<PyAsync.TaskGroup, Coroutine> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunGroup(body);
    }

    /// <summary>The form of <see cref="TaskGroup(Func{PyAsync.TaskGroup, Coroutine})"/> whose body returns a value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static Coroutine<T> TaskGroup<T>(Func<PyAsync.TaskGroup, Coroutine<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return PyAsync.TaskGroup.Run(body);
    }

    private static async Coroutine RunGroup(Func<PyAsync.TaskGroup, Coroutine> body) =>
        await PyAsync.TaskGroup.Run(async tg =>
        {
            await body(tg);
            return NoneType.None;
        });

    /// <summary>
    /// Mirrors <c>async with asyncio.timeout(delay) as cm:</c> as <c>await using (var cm = Timeout(delay)) { ... }</c>:
    /// entered at once in the current task; null never expires. See <see cref="PyTimeout"/>.
    /// </summary>
    /// <exception cref="RuntimeError">No event loop is running, or there is no current task.</exception>
    public static PyTimeout Timeout(double? delay) =>
        new PyTimeout(delay is { } d ? GetRunningLoop().Time() + d : null).Enter();

    /// <summary>Mirrors <c>asyncio.timeout_at(when)</c>: a deadline on the loop's <see cref="EventLoop.Time"/> scale.</summary>
    /// <exception cref="RuntimeError">No event loop is running, or there is no current task.</exception>
    public static PyTimeout TimeoutAt(double? when) => new PyTimeout(when).Enter();

    /// <summary>
    /// Mirrors <c>async with asyncio.timeout(delay) as cm:</c> exactly: <c>await Timeout(delay, async cm =&gt; { ... })</c>
    /// sees the body's exception, as CPython's <c>__aexit__</c> does.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="RuntimeError">No event loop is running.</exception>
    public static Coroutine Timeout(double? delay, Func<PyTimeout, Coroutine> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return PyTimeout.Run(delay is { } d ? GetRunningLoop().Time() + d : null, body);
    }

    /// <summary>The form of <see cref="Timeout(double?, Func{PyTimeout, Coroutine})"/> whose body returns a value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="RuntimeError">No event loop is running.</exception>
    public static Coroutine<T> Timeout<T>(double? delay, Func<PyTimeout, Coroutine<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return PyTimeout.Run(delay is { } d ? GetRunningLoop().Time() + d : null, body);
    }

    /// <summary>Mirrors <c>async with asyncio.timeout_at(when) as cm:</c> exactly; see <see cref="Timeout(double?, Func{PyTimeout, Coroutine})"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static Coroutine TimeoutAt(double? when, Func<PyTimeout, Coroutine> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return PyTimeout.Run(when, body);
    }

    /// <summary>The form of <see cref="TimeoutAt(double?, Func{PyTimeout, Coroutine})"/> whose body returns a value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public static Coroutine<T> TimeoutAt<T>(double? when, Func<PyTimeout, Coroutine<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return PyTimeout.Run(when, body);
    }

    // ---------------------------------------------------------------- to_thread, ensure_future

    /// <summary>
    /// Mirrors <c>asyncio.to_thread(func, *args)</c>, written <c>ToThread(() =&gt; Func(args))</c>: a coroutine
    /// that runs <paramref name="func"/> on the thread pool in a copy of the current context and gives its
    /// result. The virtual clock does not jump while it runs; <see cref="Time.Sleep"/> in it advances the clock.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="func"/> is null.</exception>
    public static Coroutine<T> ToThread<T>(Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return ToThreadCoroutine.Create(func);
    }

    /// <summary>Mirrors <c>asyncio.to_thread(func, *args)</c> for a function without a result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="func"/> is null.</exception>
    public static Coroutine ToThread(Action func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return ToThreadCoroutine.Create(() =>
        {
            func();
            return NoneType.None;
        });
    }

    /// <summary>
    /// Mirrors <c>asyncio.ensure_future(aw, loop=None)</c>: a future stays itself, a coroutine is wrapped
    /// in a task on <paramref name="loop"/> (default: <see cref="GetEventLoop"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="aw"/> is null.</exception>
    /// <exception cref="ValueError">The future belongs to another loop than <paramref name="loop"/>.</exception>
    public static Future<T> EnsureFuture<T>(IAwaitable<T> aw, EventLoop? loop = null) => Awaitables.ToFuture(aw, loop);

    /// <summary>Mirrors <c>asyncio.ensure_future(aw, loop=None)</c> for an awaitable without a result type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="aw"/> is null.</exception>
    /// <exception cref="ValueError">The future belongs to another loop than <paramref name="loop"/>.</exception>
    public static Future EnsureFuture(IAwaitable aw, EventLoop? loop = null) => Awaitables.ToFuture(aw, loop);
}
