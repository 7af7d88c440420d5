using System.Collections;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.as_completed</c>'s iterator (Python 3.13): the awaitables run concurrently and
/// come back in the order they finish.
/// </summary>
/// <remarks>
/// <para>
/// As a plain iterator (<c>foreach (var c in AsCompleted(aws)) { var r = await c; }</c>, the style
/// before 3.13) it yields coroutines, each returning the result (or raising the exception) of the next
/// awaitable to finish. As an asynchronous iterator (<c>await foreach (var t in AsCompleted(aws))</c>,
/// 3.13) it yields the finished futures themselves: the tasks and futures passed in, or the tasks made
/// for coroutines.
/// </para>
/// <para>
/// With a timeout, the first wait made after the deadline while awaitables are still pending raises
/// <see cref="TimeoutError"/>. Coroutines are wrapped in tasks in argument order (CPython goes through a
/// set, whose order it does not define); awaitables that finish at the same moment come back in the order
/// their completion callbacks run.
/// </para>
/// </remarks>
public sealed class AsCompletedIterator<TFuture, TResult> : IEnumerable<Coroutine<TResult>>
    where TFuture : Future
{
    private readonly Queue<TFuture?> _done = new();
    private readonly Queue<Future<NoneType>> _getters = new();
    private readonly HashSet<Future> _todo = new(ReferenceEqualityComparer.Instance);
    private readonly Func<TFuture, TResult> _result;
    private readonly Completion _completion;
    private readonly EventLoop _loop;
    private TimerHandle? _timeoutHandle;
    private int _todoLeft;

    internal AsCompletedIterator(IEnumerable<IAwaitable> awaitables, double? timeout, Func<TFuture, TResult> result)
    {
        ArgumentNullException.ThrowIfNull(awaitables);
        _result = result;
        _completion = new Completion(this);
        _loop = EventLoop.GetEventLoop();
        var seen = new HashSet<IAwaitable>(ReferenceEqualityComparer.Instance);
        foreach (var awaitable in awaitables)
        {
            ArgumentNullException.ThrowIfNull(awaitable, nameof(awaitables));
            if (!seen.Add(awaitable)) continue;
            var untyped = Awaitables.ToFuture(awaitable, _loop);
            // Not a TFuture: a future of a class deriving from TResult, given as a covariant IAwaitable<TResult>.
            var future = untyped as TFuture ?? (TFuture)(Future)Awaitables.Typed<TResult>(untyped);
            if (_todo.Add(future)) future.AddCallback(_completion);
        }
        if (_todo.Count > 0 && timeout is { } t) _timeoutHandle = _loop.CallLater(t, HandleTimeout);
        _todoLeft = _todo.Count;
    }

    /// <summary>Plain iteration: a coroutine for each awaitable, giving the results in completion order.</summary>
    public IEnumerator<Coroutine<TResult>> GetEnumerator()
    {
        while (_todoLeft > 0)
        {
            _todoLeft--;
            yield return WaitForResult();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Asynchronous iteration (<c>await foreach</c>): the futures themselves, as they finish.</summary>
    public AsyncEnumerator GetAsyncEnumerator() => new(this);

    /// <summary>The enumerator of <c>await foreach</c>; its <see cref="MoveNextAsync"/> is a PyAsync coroutine.</summary>
    public sealed class AsyncEnumerator
    {
        private readonly AsCompletedIterator<TFuture, TResult> _iterator;

        internal AsyncEnumerator(AsCompletedIterator<TFuture, TResult> iterator) => _iterator = iterator;

        /// <summary>The future that finished last.</summary>
        public TFuture Current { get; private set; } = null!;

        /// <summary>Mirrors <c>__anext__</c>: waits for the next future to finish.</summary>
        /// <exception cref="TimeoutError">The timeout passed while futures were still pending.</exception>
        public Coroutine<bool> MoveNextAsync() => Next();

        private async Coroutine<bool> Next()
        {
            if (_iterator._todoLeft == 0) return false;
            _iterator._todoLeft--;
            Current = await _iterator.WaitForOne();
            return true;
        }

        /// <summary>Nothing to release; there so that <c>await foreach</c> can dispose the enumerator.</summary>
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private async Coroutine<TResult> WaitForResult() => _result(await WaitForOne());

    /// <summary>CPython's <c>_wait_for_one</c>: the next finished future, from an asyncio.Queue-like wait.</summary>
    private async Coroutine<TFuture> WaitForOne()
    {
        while (_done.Count == 0)
        {
            var getter = _loop.CreateFuture<NoneType>();
            _getters.Enqueue(getter);
            try
            {
                await getter;
            }
            catch
            {
                getter.Cancel();
                if (_done.Count > 0 && !getter.Cancelled()) WakeupNext();
                throw;
            }
        }
        return _done.Dequeue() ?? throw new TimeoutError();
    }

    private void Put(TFuture? item)
    {
        _done.Enqueue(item);
        WakeupNext();
    }

    private void WakeupNext()
    {
        while (_getters.TryDequeue(out var getter))
        {
            if (getter.Done()) continue;
            getter.SetResult(NoneType.None);
            break;
        }
    }

    /// <summary>CPython's <c>_handle_timeout</c>: one sentinel per pending awaitable.</summary>
    private void HandleTimeout()
    {
        foreach (var f in _todo)
        {
            f.RemoveCallback(_completion);
            Put(null);
        }
        _todo.Clear();
    }

    private sealed class Completion(AsCompletedIterator<TFuture, TResult> iterator) : IReadyCallback
    {
        /// <summary>CPython's <c>_handle_completion</c>.</summary>
        public void Run(object? arg)
        {
            if (iterator._todo.Count == 0) return; // HandleTimeout was here first.
            var f = (TFuture)arg!;
            iterator._todo.Remove(f);
            iterator.Put(f);
            if (iterator._todo.Count == 0) iterator._timeoutHandle?.Cancel();
        }

        public string Describe(object? arg) => "_AsCompletedIterator._handle_completion()";
    }
}
