namespace PyAsync;

/// <summary>CPython's <c>tasks.shield</c>.</summary>
internal static class ShieldLink
{
    /// <summary>
    /// A future done when the inner one is, which can be cancelled without cancelling the inner one.
    /// An inner future already done is returned as is.
    /// </summary>
    public static Future<T> Shield<T>(IAwaitable<T> arg)
    {
        var inner = Awaitables.ToFuture(arg, null);
        if (inner.Done()) return inner;
        var outer = inner.BindLoop().CreateFuture<T>();
        Attach(inner, outer, static f => f.ResultAs<T>());
        return outer;
    }

    /// <summary>The untyped <see cref="Shield{T}"/>: the outer future's result is the inner one's, as an object.</summary>
    public static Future Shield(IAwaitable arg)
    {
        var inner = Awaitables.ToFuture(arg, null);
        if (inner.Done()) return inner;
        var outer = inner.BindLoop().CreateFuture<object?>();
        Attach(inner, outer, static f => f.Result());
        return outer;
    }

    private static void Attach<TOut>(Future inner, Future<TOut> outer, Func<Future, TOut> result)
    {
        var link = new Link<TOut>(inner, outer, result);
        inner.AddCallback(link);
        outer.AddCallback(link);
    }

    /// <summary>CPython's <c>_inner_done_callback</c> and <c>_outer_done_callback</c>, told apart by the future that completed.</summary>
    private sealed class Link<TOut>(Future inner, Future<TOut> outer, Func<Future, TOut> result) : IReadyCallback
    {
        public void Run(object? arg)
        {
            if (!ReferenceEquals(arg, inner))
            {
                // The outer future is done (cancelled, usually): the inner one runs on, unobserved.
                if (!inner.Done()) inner.RemoveCallback(this);
                return;
            }
            if (outer.Cancelled())
            {
                if (!inner.Cancelled()) inner.Exception(); // Mark inner's result as retrieved.
                return;
            }
            if (inner.Cancelled()) outer.Cancel();
            else if (inner.Exception() is { } error) outer.SetException(error);
            else outer.SetResult(result(inner));
        }

        public string Describe(object? arg) =>
            ReferenceEquals(arg, inner) ? "shield.<locals>._inner_done_callback()" : "shield.<locals>._outer_done_callback()";
    }
}
