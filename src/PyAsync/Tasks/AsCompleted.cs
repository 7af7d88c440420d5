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
/// <para>
/// It is also a .NET <see cref="IAsyncEnumerable{T}"/> of the finished futures, so that
/// <c>WithCancellation(token)</c> and System.Linq.Async's operators (<c>ToListAsync()</c>, ...) work on it. A
/// coroutine's <c>await foreach</c> does not go through that interface: the compiler binds the public
/// <see cref="GetAsyncEnumerator()"/> and <see cref="AsyncEnumerator.MoveNextAsync"/>, a PyAsync coroutine run
/// inline in the task, with CPython's timing. Through the interface (<see cref="IAsyncEnumerable{T}.GetAsyncEnumerator"/>),
/// each <c>MoveNextAsync</c> is a <see cref="ValueTask{TResult}"/> that waits on the loop's futures; it must be used on
/// the loop's thread (a coroutine, a loop callback, or TPL code the loop runs), and raises
/// <see cref="RuntimeError"/> on any other thread. The cancellation token given to <c>GetAsyncEnumerator</c> gives up
/// the wait, as <see cref="Future{T}.AsTask(CancellationToken)"/> does: <c>MoveNextAsync</c> ends with an
/// <see cref="OperationCanceledException"/> for that token, and the awaitables themselves are not cancelled.
/// Because the type is both an <see cref="IEnumerable{T}"/> and an <see cref="IAsyncEnumerable{T}"/>, a LINQ
/// operator both have (<c>Select</c>, <c>Where</c>, ...) is ambiguous on it when its lambda fits both element
/// types (<c>x =&gt; x.ToString()</c>): name the interface (<c>((IAsyncEnumerable&lt;PyTask&lt;int&gt;&gt;)it).Select(...)</c>)
/// to pick one.
/// </para>
/// </remarks>
public sealed class AsCompletedIterator<TFuture, TResult> : IEnumerable<Coroutine<TResult>>, IAsyncEnumerable<TFuture>
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

    /// <summary>
    /// Mirrors <c>__aiter__</c> for a coroutine's <c>await foreach</c>: the futures themselves, as they finish.
    /// This is the method the compiler binds; its enumerator's <see cref="AsyncEnumerator.MoveNextAsync"/> is a
    /// PyAsync coroutine (CPython's <c>__anext__</c>).
    /// </summary>
    // RS0041 ("uses oblivious reference types") is the public-API analyzer's false report for a nested
    // class of a generic class: nothing here is oblivious (the file is nullable-enabled).
#pragma warning disable RS0041
    public AsyncEnumerator GetAsyncEnumerator() => new(this, default);
#pragma warning restore RS0041

    /// <summary>
    /// The .NET <see cref="IAsyncEnumerable{T}"/> form (what <c>WithCancellation</c> and System.Linq.Async call).
    /// No Python equivalent; see the remarks of <see cref="AsCompletedIterator{TFuture, TResult}"/>.
    /// </summary>
    /// <exception cref="RuntimeError">Called on a thread that is not the running loop's.</exception>
    IAsyncEnumerator<TFuture> IAsyncEnumerable<TFuture>.GetAsyncEnumerator(CancellationToken cancellationToken)
    {
        CheckLoopThread();
        return new AsyncEnumerator(this, cancellationToken);
    }

    /// <summary>
    /// The enumerator of <c>await foreach</c>. Its public <see cref="MoveNextAsync"/> is a PyAsync coroutine,
    /// which a coroutine's <c>await foreach</c> binds; as an <see cref="IAsyncEnumerator{T}"/> its
    /// <c>MoveNextAsync</c> is a <see cref="ValueTask{TResult}"/> for .NET consumers (see the remarks of
    /// <see cref="AsCompletedIterator{TFuture, TResult}"/>).
    /// </summary>
    // The compiler's plumbing for await foreach, as the awaiters are: hidden from IntelliSense.
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public sealed class AsyncEnumerator : IAsyncEnumerator<TFuture>
    {
        private readonly AsCompletedIterator<TFuture, TResult> _iterator;
        private readonly CancellationToken _token;

        internal AsyncEnumerator(AsCompletedIterator<TFuture, TResult> iterator, CancellationToken token)
        {
            _iterator = iterator;
            _token = token;
        }

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

        /// <summary>
        /// <c>__anext__</c> for .NET consumers (<see cref="IAsyncEnumerator{T}"/>): waits for the next future to finish,
        /// on the loop's thread, without a task of its own. No Python equivalent.
        /// </summary>
        /// <exception cref="RuntimeError">Called on a thread that is not the running loop's.</exception>
        /// <exception cref="TimeoutError">The timeout passed while futures were still pending (from the awaited task).</exception>
        /// <exception cref="OperationCanceledException">The token given to <c>GetAsyncEnumerator</c> was cancelled (from the awaited task).</exception>
        ValueTask<bool> IAsyncEnumerator<TFuture>.MoveNextAsync()
        {
            _iterator.CheckLoopThread();
            if (_token.IsCancellationRequested) return ValueTask.FromCanceled<bool>(_token);
            if (_iterator._todoLeft == 0) return new ValueTask<bool>(false);
            _iterator._todoLeft--;
            if (_iterator._done.Count > 0)
            {
                // CPython's _wait_for_one with an item ready: no wait.
                if (_iterator._done.Dequeue() is not { } ready) return ValueTask.FromException<bool>(new TimeoutError());
                Current = ready;
                return new ValueTask<bool>(true);
            }
            return WaitAsync();
        }

        private async ValueTask<bool> WaitAsync()
        {
            Current = await _iterator.WaitForOneOutsideTask(_token);
            return true;
        }

        /// <summary>Nothing to release; there so that <c>await foreach</c> can dispose the enumerator.</summary>
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <exception cref="RuntimeError">This thread is not the running loop's.</exception>
    private void CheckLoopThread()
    {
        if (!_loop.IsLoopThread)
        {
            throw new RuntimeError(
                "as_completed()'s iterator can only be consumed on its event loop's thread, while the loop runs " +
                "(the loop is single-threaded); from another thread, run the consumer on the loop with RunCoroutineThreadsafe");
        }
    }

    /// <summary>
    /// <see cref="WaitForOne"/> for .NET consumers: the same queue-like wait on getter futures, awaited by TPL code
    /// on the loop's thread (no task step needed), which <paramref name="token"/> can give up.
    /// </summary>
    private async ValueTask<TFuture> WaitForOneOutsideTask(CancellationToken token)
    {
        while (_done.Count == 0)
        {
            var getter = _loop.CreateFuture<NoneType>();
            _getters.Enqueue(getter);
            var registration = token.CanBeCanceled ? token.UnsafeRegister(s_cancelGetter, (getter, _loop)) : default;
            try
            {
                await getter;
            }
            catch (CancelledError) when (token.IsCancellationRequested && getter.Cancelled())
            {
                // Only the token cancels a getter: it took no wake-up, so there is none to pass on.
                throw new OperationCanceledException(token);
            }
            catch
            {
                getter.Cancel();
                if (_done.Count > 0 && !getter.Cancelled()) WakeupNext();
                throw;
            }
            finally
            {
                registration.Dispose();
            }
        }
        return _done.Dequeue() ?? throw new TimeoutError();
    }

    /// <summary>The token of a .NET consumer was cancelled: give up its getter, on the loop's thread.</summary>
    private static readonly Action<object?> s_cancelGetter = static state =>
    {
        var (getter, loop) = ((Future<NoneType>, EventLoop))state!;
        if (loop.IsLoopThread) getter.Cancel();
        else loop.CallSoonThreadsafe(() => getter.Cancel());
    };

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
