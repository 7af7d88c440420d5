using System.Runtime.CompilerServices;
using System.Collections;
using System.Diagnostics;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.tasks._GatheringFuture</c>: the future <c>Gather</c> returns at once, done when
/// every child is done (or at the first failure), whose <see cref="Cancel"/> cancels the children.
/// </summary>
/// <remarks>
/// Awaiting it gives the results in argument order. Without <c>returnExceptions</c>, the first
/// exception (or cancellation) of a child is raised to the awaiter while the other children keep
/// running; with it, exceptions come back as values in their places. A cancelled gather raises
/// <see cref="CancelledError"/> whatever <c>returnExceptions</c> says. As in Python 3.13, children that are
/// already done are taken into account at once, so a gather of finished futures is done immediately
/// (3.11 waited one loop iteration).
/// </remarks>
[PyTypeName("asyncio.tasks._GatheringFuture")]
public sealed class GatheringFuture<TResult> : Future<TResult>
{
    private readonly GatherChild[] _children;
    private readonly bool _returnExceptions;
    private readonly GatherResults<TResult> _results;
    private int _count;
    private int _finished;
    // Children's done callbacks waiting in the ready queue: while there are any, counting another child
    // inline would let one of them find the count complete an iteration before CPython's would.
    private int _queued;
    private bool _cancelRequested;

    private GatheringFuture(EventLoop loop, GatherChild[] children, bool returnExceptions, GatherResults<TResult> results)
        : base(loop)
    {
        _children = children;
        _returnExceptions = returnExceptions;
        _results = results;
    }

    /// <summary>CPython's <c>gather(*coros_or_futures, return_exceptions=...)</c>.</summary>
    [MethodImpl(HotPath.Options)]
    internal static GatheringFuture<TResult> Create(ReadOnlySpan<IAwaitable> awaitables, bool returnExceptions, GatherResults<TResult> results)
    {
        if (awaitables.Length == 0)
        {
            var loop = EventLoop.GetEventLoop();
            var empty = new GatheringFuture<TResult>(loop, [], returnExceptions, results);
            empty.SetResultCore(results([]));
            return empty;
        }

        var children = new GatherChild[awaitables.Length];
        int added = 0;
        GatheringFuture<TResult>? outer = null;
        ChildDone? callback = null;
        List<Future>? alreadyDone = null;
        HashSet<Future>? doneSeen = null;
        int distinct = 0;
        foreach (var awaitable in awaitables)
        {
            ArgumentNullException.ThrowIfNull(awaitable, nameof(awaitables));
            // The common case first: a pending task or future of this loop that nobody waits on yet.
            if (outer is not null && awaitable is Future pending && pending.TryAddOnlyInlineCallback(outer.GetLoop(), callback!))
            {
                distinct++;
                children[added++] = new GatherChild(pending);
                continue;
            }
            // An argument given twice maps to the same child (CPython's arg_to_fut). A pending child
            // carries this gather's callback as its last one, since nothing else can add callbacks
            // while the gather is being built; a coroutine given twice names the task made for it.
            var repeated = awaitable switch
            {
                Future f when f.Done() => doneSeen is not null && doneSeen.Contains(f) ? f : null,
                Future f => callback is not null && f.LastCallbackIs(callback) ? f : null,
                Coroutine { Driver: { } t } when callback is not null && t.LastCallbackIs(callback) => t,
                _ => null,
            };
            if (repeated is not null)
            {
                children[added++] = new GatherChild(repeated);
                continue;
            }
            var future = Awaitables.ToFuture(awaitable, outer?.GetLoop());
            if (outer is null)
            {
                outer = new GatheringFuture<TResult>(future.BindLoop(), children, returnExceptions, results);
                callback = new ChildDone(outer);
            }
            distinct++;
            if (future.Done())
            {
                (alreadyDone ??= []).Add(future);
                (doneSeen ??= new(ReferenceEqualityComparer.Instance)).Add(future);
            }
            else
            {
                future.AddInlineCallback(callback!);
            }
            children[added++] = new GatherChild(future);
        }
        outer!._count = distinct;
        if (alreadyDone is not null)
            foreach (var future in alreadyDone) outer.OnChildDone(future);
        return outer;
    }

    private protected override string PyClassName => "_GatheringFuture";

    /// <summary>
    /// Mirrors <c>_GatheringFuture.cancel(msg=None)</c>: cancels every child not yet done; returns true
    /// if any was cancelled. The gather itself ends once its children do, raising <see cref="CancelledError"/>.
    /// </summary>
    public override bool Cancel(string? msg = null)
    {
        if (Done()) return false;
        bool cancelled = false;
        foreach (var child in _children)
            if (child.Future.Cancel(msg)) cancelled = true;
        if (cancelled) _cancelRequested = true;
        return cancelled;
    }

    /// <summary>CPython's <c>_done_callback</c> in <c>gather</c>.</summary>
    [MethodImpl(HotPath.Options)]
    private void OnChildDone(Future child)
    {
        _finished++;
        if (Done())
        {
            if (!child.Cancelled()) child.Exception();
            return;
        }
        if (!_returnExceptions)
        {
            if (child.Cancelled())
            {
                SetExceptionCore(child.MakeCancelledError());
                return;
            }
            if (child.Exception() is { } error)
            {
                SetExceptionCore(error);
                return;
            }
        }
        if (_finished < _count) return;
        TResult results;
        try
        {
            results = _results(_children);
        }
        catch (Exception e)
        {
            SetExceptionCore(e);
            return;
        }
        // CPython raises the last child's _make_cancelled_error() here (its loop variable).
        if (_cancelRequested) SetExceptionCore(_children[^1].Future.MakeCancelledError());
        else SetResultCore(results);
    }

    /// <summary>
    /// CPython's <c>_done_callback</c> for a child that succeeded while others are still running and
    /// the gather is not done: all it does is count, and nothing can tell whether that happens now or
    /// one loop iteration later, so it happens now, unless another child's callback is already waiting in
    /// the ready queue (that one must not see this count early). Every other case goes through the ready queue.
    /// </summary>
    private bool TryCountInline(Future child)
    {
        if (Done() || !child.FinishedWithResult || _finished + 1 >= _count || _queued > 0)
        {
            _queued++;
            return false;
        }
        _finished++;
        return true;
    }

    /// <summary>A child's done callback that went through the ready queue.</summary>
    private void OnQueuedChildDone(Future child)
    {
        _queued--;
        OnChildDone(child);
    }

    /// <summary>One child's result as CPython's gather lists it: the result, the exception, or a CancelledError.</summary>
    internal static object? Outcome(Future child)
    {
        if (child.Cancelled()) return new CancelledError(child.CancelMessage ?? "");
        return child.Exception() ?? child.Result();
    }

    private sealed class ChildDone(GatheringFuture<TResult> outer) : IInlineDoneCallback
    {
        public void Run(object? arg) => outer.OnQueuedChildDone((Future)arg!);

        public bool TryRunInline(Future future) => outer.TryCountInline(future);

        public string Describe(object? arg) => "gather.<locals>._done_callback()";
    }
}

/// <summary>A child of a gather, wrapped so that filling the array needs no covariant array-store check.</summary>
internal readonly struct GatherChild(Future future)
{
    public Future Future { get; } = future;
}

/// <summary>Builds a gather's result from its children, in argument order.</summary>
internal delegate TResult GatherResults<TResult>(ReadOnlySpan<GatherChild> children);

/// <summary>
/// The results of <c>Gather</c> over a few awaitables: a list in argument order (it prints as
/// Python's list, <c>[3, 1]</c>, and indexes like one) that also deconstructs into typed values:
/// <c>var (a, b) = await Gather(F(), G())</c>.
/// </summary>
public abstract class GatherResult : IReadOnlyList<object?>
{
    private readonly object?[] _items;

    private protected GatherResult(object?[] items) => _items = items;

    /// <summary>The result at <paramref name="index"/>; negative indexes count from the end, as in Python.</summary>
    public object? this[int index] => _items[index < 0 ? _items.Length + index : index];

    /// <summary>Python's <c>len(results)</c>.</summary>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    private protected T At<T>(int index) => (T)_items[index]!;

    /// <summary>Python's <c>str(results)</c>: <c>[3, 1]</c>.</summary>
    public override string ToString() => Builtins.Repr(this);

    internal static object?[] Results(ReadOnlySpan<GatherChild> children)
    {
        var results = new object?[children.Length];
        for (int i = 0; i < children.Length; i++) results[i] = children[i].Future.Result();
        return results;
    }

    /// <summary>
    /// The children's results as a typed list, in argument order. A child of a typed gather is a
    /// <see cref="Future{T}"/> (a task made from a <see cref="Coroutine{T}"/>, or the future given), or,
    /// <see cref="IAwaitable{T}"/> being covariant, a future of a class deriving from <typeparamref name="T"/>.
    /// </summary>
    [MethodImpl(HotPath.Options)]
    internal static List<T> Typed<T>(ReadOnlySpan<GatherChild> children)
    {
        var results = Unchecked.ListOfCount<T>(children.Length, out var span);
        for (int i = 0; i < children.Length; i++)
        {
            // Every child finished successfully by now (else the gather raised), unless a child was
            // given twice and failed: Result() then raises as CPython's result() would.
            var future = children[i].Future;
            span[i] = future is Future<T> child && child.TryGetResult(out var result) ? result : future.ResultAs<T>();
        }
        return results;
    }

    /// <summary>The children's results as objects, in argument order.</summary>
    internal static List<object?> Objects(ReadOnlySpan<GatherChild> children)
    {
        var results = new List<object?>(children.Length);
        foreach (var child in children) results.Add(child.Future.Result());
        return results;
    }

    /// <summary>With <c>return_exceptions</c>: each child's result, exception or CancelledError, in argument order.</summary>
    internal static List<object?> Outcomes(ReadOnlySpan<GatherChild> children)
    {
        var results = new List<object?>(children.Length);
        foreach (var child in children) results.Add(GatheringFuture<List<object?>>.Outcome(child.Future));
        return results;
    }
}

/// <summary>The results of <c>Gather</c> over two awaitables.</summary>
public sealed class GatherResult<T1, T2> : GatherResult
{
    internal GatherResult(object?[] items) : base(items) { }

    /// <summary>Deconstructs into the two results: <c>var (a, b) = await Gather(F(), G())</c>.</summary>
    public void Deconstruct(out T1 item1, out T2 item2) => (item1, item2) = (At<T1>(0), At<T2>(1));
}

/// <summary>The results of <c>Gather</c> over three awaitables.</summary>
public sealed class GatherResult<T1, T2, T3> : GatherResult
{
    internal GatherResult(object?[] items) : base(items) { }

    /// <summary>Deconstructs into the three results.</summary>
    public void Deconstruct(out T1 item1, out T2 item2, out T3 item3) =>
        (item1, item2, item3) = (At<T1>(0), At<T2>(1), At<T3>(2));
}

/// <summary>The results of <c>Gather</c> over four awaitables.</summary>
public sealed class GatherResult<T1, T2, T3, T4> : GatherResult
{
    internal GatherResult(object?[] items) : base(items) { }

    /// <summary>Deconstructs into the four results.</summary>
    public void Deconstruct(out T1 item1, out T2 item2, out T3 item3, out T4 item4) =>
        (item1, item2, item3, item4) = (At<T1>(0), At<T2>(1), At<T3>(2), At<T4>(3));
}

/// <summary>The results of <c>Gather</c> over five awaitables.</summary>
public sealed class GatherResult<T1, T2, T3, T4, T5> : GatherResult
{
    internal GatherResult(object?[] items) : base(items) { }

    /// <summary>Deconstructs into the five results.</summary>
    public void Deconstruct(out T1 item1, out T2 item2, out T3 item3, out T4 item4, out T5 item5) =>
        (item1, item2, item3, item4, item5) = (At<T1>(0), At<T2>(1), At<T3>(2), At<T4>(3), At<T5>(4));
}
